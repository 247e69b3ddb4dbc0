import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';

export const MILESTONES = ['PROCESSING', 'QUALITY_VERIFICATION', 'REGISTRATION'] as const;
export type MilestoneName = (typeof MILESTONES)[number];
export type MilestoneStatus = 'PENDING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
export type ProjectStatus = 'AWAITING_MATCH' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';

/** A processing-support project (가공지원 과제): an owner's data made into a listed product by a pool processor. */
@Entity('processing_projects')
@Index(['processorOrganizationId', 'status'])
@Check(`status IN ('AWAITING_MATCH', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')`)
export class ProcessingProject {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  agreementId: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  programId: string;

  /** The data owner (데이터 보유기업); the product's revenue is theirs. */
  @Column({ type: 'uuid' })
  ownerOrganizationId: string;

  @Column({ type: 'uuid', nullable: true })
  processorOrganizationId: string | null;

  @Column({ type: 'text', default: 'AWAITING_MATCH' })
  status: ProjectStatus;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  governmentKrw: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  ownCashKrw: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  ownKrw: bigint;

  /** The owner's cash part, paid through Stripe. */
  @Column({ type: 'text', nullable: true, unique: true })
  ownSharePaymentIntentId: string | null;

  @Column({ type: 'text', nullable: true })
  ownShareClientSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  ownSharePaidAt: Date | null;

  /** The owner's datasets shared with the matched processor (the raw data to process). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  rawDatasetIds: string[];

  /** The owner's contribution in kind (staff time, equipment), recorded with a description. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  inKind: { amountKrw: number; description: string; at: string }[];

  @Column({ type: 'timestamptz', nullable: true })
  matchedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One of the three milestones, with its planned date and its share of the government money. */
@Entity('project_milestones')
@Index(['projectId', 'name'], { unique: true })
@Check(`status IN ('PENDING', 'SUBMITTED', 'RETURNED', 'ACCEPTED')`)
@Check(`share_bp > 0 AND share_bp <= 10000`)
export class ProjectMilestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'text' })
  name: MilestoneName;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'date' })
  plannedOn: string;

  /** Share of the government money, basis points (defaults 4000/3000/3000). */
  @Column({ type: 'int' })
  shareBp: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountKrw: bigint;

  @Column({ type: 'text', default: 'PENDING' })
  status: MilestoneStatus;

  /** Deliverables: dataset versions of the processor's organization. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  deliverables: { datasetId: string; version: number; versionId: string }[];

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** Who did what to a project and why: matching, submissions, returns, overrides. */
@Entity('project_events')
@Index(['projectId'])
export class ProjectEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  milestone: MilestoneName | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
