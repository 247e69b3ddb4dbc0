import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';
import { Application } from './application.entity.js';

export type AgreementStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

/** The agreement (협약) that fixes an application's money and period and commits the budget. */
@Entity('agreements')
@Index(['programId'])
@Check(`total_cost_krw = government_krw + own_krw`)
@Check(`government_krw > 0 AND own_krw >= 0 AND own_cash_krw >= 0 AND own_cash_krw <= own_krw`)
@Check(`ends_on >= starts_on`)
@Check(`status IN ('ACTIVE', 'COMPLETED', 'CANCELLED')`)
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  applicationId: string;

  @Column({ type: 'uuid' })
  programId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  totalCostKrw: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  governmentKrw: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  ownKrw: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  ownCashKrw: bigint;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: AgreementStatus;

  @Column({ type: 'uuid' })
  signedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  signedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  @OneToOne(() => Application)
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;
}
