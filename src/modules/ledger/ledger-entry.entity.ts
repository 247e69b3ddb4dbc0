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
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';
import { LedgerJournal } from './ledger-journal.entity.js';

/**
 * The accounts of the ledger. Balances are debit-positive sums of entries:
 * - GOVERNMENT_FUNDING: where a program's budget comes from (negative: money granted out);
 * - PROGRAM_AVAILABLE: budget not yet committed; PROGRAM_COMMITTED: promised by agreements;
 * - VOUCHER_AVAILABLE / VOUCHER_RESERVED: a purchase voucher's committed money, free or held
 *   by an open order (per voucher);
 * - PROGRAM_SPENT: subsidy spent (vouchers used, processing milestones paid);
 * - SUBSIDY_RECEIVABLE: subsidy the agency owes for orders paid with vouchers;
 * - STRIPE_CLEARING: buyers' own shares received through Stripe;
 * - SELLER_PAYABLE: what the exchange owes sellers (negative), per seller;
 * - SELLER_PAID: what was paid out to sellers.
 */
export const LEDGER_ACCOUNTS = [
  'GOVERNMENT_FUNDING',
  'PROGRAM_AVAILABLE',
  'PROGRAM_COMMITTED',
  'VOUCHER_AVAILABLE',
  'VOUCHER_RESERVED',
  'PROGRAM_SPENT',
  'SUBSIDY_RECEIVABLE',
  'STRIPE_CLEARING',
  'SELLER_PAYABLE',
  'SELLER_PAID',
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

/** One line of a journal. Append-only; a database trigger checks every journal sums to zero. */
@Entity('ledger_entries')
@Index(['programId', 'account'])
@Index(['journalId'])
@Index(['voucherId', 'account'])
@Check(`amount_krw <> 0`)
export class LedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  journalId: string;

  @Column({ type: 'text' })
  account: LedgerAccount;

  @Column({ type: 'uuid', nullable: true })
  programId: string | null;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  voucherId: string | null;

  /** Debit positive, credit negative; whole won. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountKrw: bigint;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => LedgerJournal)
  @JoinColumn({ name: 'journal_id' })
  journal?: Relation<LedgerJournal>;
}
