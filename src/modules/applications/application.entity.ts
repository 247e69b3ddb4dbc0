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
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';
import { Organization } from '../organizations/index.js';
import { Program } from '../programs/index.js';
import type { ApplicationStatus } from './application-status.js';

/** An organization's application to a call, with its business plan (사업계획서). */
@Entity('applications')
@Index(['programId', 'status'])
@Index(['organizationId'])
// One open application per organization and call, even when two submissions race.
@Index('UQ_applications_open_per_program', ['programId', 'organizationId'], {
  unique: true,
  where: `status IN ('DRAFT', 'SUBMITTED', 'SCREENING', 'EVALUATION', 'SELECTED', 'AGREEMENT', 'IN_PROGRESS')`,
})
@Check(
  `status IN ('DRAFT', 'SUBMITTED', 'SCREENING', 'EVALUATION', 'SELECTED', 'REJECTED', 'AGREEMENT', 'IN_PROGRESS', 'COMPLETED', 'WITHDRAWN', 'CANCELLED')`,
)
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  /** The business plan; its fields depend on the call's kind. */
  @Column({ type: 'jsonb' })
  plan: Record<string, unknown>;

  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  requestedGovernmentKrw: bigint | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Program)
  @JoinColumn({ name: 'program_id' })
  program?: Relation<Program>;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;
}
