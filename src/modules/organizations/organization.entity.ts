import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../accounts/user.entity.js';

export const ORGANIZATION_CATEGORIES = ['SME', 'MID_SIZE', 'LARGE', 'NONPROFIT'] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

@Entity('organizations')
@Check(`category IN ('SME', 'MID_SIZE', 'LARGE', 'NONPROFIT')`)
@Check(`registration_number ~ '^[0-9]{10}$'`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** 10 digits, no dashes, check digit verified; unique. */
  @Column({ type: 'char', length: 10, unique: true })
  registrationNumber: string;

  @Column({ type: 'text' })
  representativeName: string;

  /** As declared by the organization; a verification may record a different one. */
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
