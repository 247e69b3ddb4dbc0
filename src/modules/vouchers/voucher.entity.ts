import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';

export type VoucherStatus = 'ACTIVE' | 'EXPIRED' | 'CLOSED';

/**
 * A purchase voucher (바우처), issued when a purchase-support agreement is signed. Its balances
 * are in the ledger (VOUCHER_AVAILABLE, VOUCHER_RESERVED, PROGRAM_SPENT by voucher).
 */
@Entity('vouchers')
@Index(['organizationId'])
@Check(`status IN ('ACTIVE', 'EXPIRED', 'CLOSED')`)
@Check(`limit_krw > 0 AND rate_bp > 0 AND rate_bp <= 10000`)
export class Voucher {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  agreementId: string;

  @Column({ type: 'uuid' })
  programId: string;

  /** The holder: the buyer organization. */
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  limitKrw: bigint;

  /** Share of a price the voucher pays: 8000 (80%) for firms, 10000 for nonprofits. */
  @Column({ type: 'int' })
  rateBp: number;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date' })
  validUntil: string;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: VoucherStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
