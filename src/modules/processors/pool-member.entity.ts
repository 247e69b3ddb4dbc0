import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../organizations/index.js';

/** An organization registered in the processor pool (가공기업 Pool) for a year, with its public profile. */
@Entity('pool_members')
@Index(['organizationId', 'year'], { unique: true })
@Check(`status IN ('ACTIVE', 'SUSPENDED')`)
@Check(`capacity IS NULL OR capacity BETWEEN 1 AND 100`)
export class PoolMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  /** The pool call that selected it. */
  @Column({ type: 'uuid' })
  programId: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: 'ACTIVE' | 'SUSPENDED';

  @Column({ type: 'text', nullable: true })
  suspendedReason: string | null;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'int', default: 0 })
  staffCount: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  technologies: string[];

  /** KSIC codes of the industries served. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industries: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  references: string[];

  @Column({ type: 'text', nullable: true })
  region: string | null;

  /**
   * How many projects the processor takes at once, as it says; null: the platform's limit. The
   * platform's limit (PROJECTS_MAX_OPEN_PER_PROCESSOR) caps it either way.
   */
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  /** Processing projects completed (kept up to date by the processing-projects module). */
  @Column({ type: 'int', default: 0 })
  projectsDone: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;
}
