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
import { User } from '../accounts/index.js';

import { ORGANIZATION_CATEGORIES, type OrganizationCategory } from './rules.js';

export { ORGANIZATION_CATEGORIES, type OrganizationCategory };

/**
 * Whose registration number it is. Anyone may claim a number (CLAIMED); an operator's verification
 * confirms one claim (CONFIRMED) and rejects the other claims of the same number (REJECTED).
 */
export const REGISTRATION_STATUSES = ['CLAIMED', 'CONFIRMED', 'REJECTED'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

@Entity('organizations')
@Check(`category IN ('SME', 'MID_SIZE', 'LARGE', 'NONPROFIT')`)
@Check(`registration_number ~ '^[0-9]{10}$'`)
@Check(`registration_status IN ('CLAIMED', 'CONFIRMED', 'REJECTED')`)
@Index('UQ_organizations_confirmed_number', ['registrationNumber'], {
  unique: true,
  where: `registration_status = 'CONFIRMED'`,
})
@Index(['registrationNumber'])
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** 10 digits, no dashes, check digit verified; unique among confirmed organizations only. */
  @Column({ type: 'char', length: 10 })
  registrationNumber: string;

  @Column({ type: 'text', default: 'CLAIMED' })
  registrationStatus: RegistrationStatus;

  /** Why a claim was rejected, for its claimant to read. */
  @Column({ type: 'text', nullable: true })
  registrationNote: string | null;

  @Column({ type: 'text' })
  representativeName: string;

  /** As declared by the organization. Money uses only the category a verification confirmed. */
  @Column({ type: 'text' })
  category: OrganizationCategory;

  /** KSIC code (한국표준산업분류), 2 to 5 digits. */
  @Column({ type: 'text' })
  industryCode: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
