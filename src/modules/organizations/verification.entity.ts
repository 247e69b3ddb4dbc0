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
} from 'typeorm';
import { User } from '../accounts/index.js';
import { Organization, type OrganizationCategory } from './organization.entity.js';

export const BUSINESS_STATUSES = ['ACTIVE', 'SUSPENDED', 'CLOSED'] as const;
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];

/** Facts an operator verified about an organization. A history: the latest one counts. */
@Entity('organization_verifications')
@Check(`business_status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')`)
@Index(['organizationId', 'verifiedAt'])
export class OrganizationVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  businessStatus: BusinessStatus;

  @Column({ type: 'boolean' })
  taxArrears: boolean;

  /** The size class as verified; null when the declared one was not checked. */
  @Column({ type: 'text', nullable: true })
  category: OrganizationCategory | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  verifiedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  verifiedAt: Date;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'verified_by' })
  verifier?: Relation<User>;
}
