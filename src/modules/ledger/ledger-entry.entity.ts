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
 * - PROGRAM_SPENT: paid out (vouchers spent, processing milestones paid; later issues).
 */
export const LEDGER_ACCOUNTS = [
  'GOVERNMENT_FUNDING',
  'PROGRAM_AVAILABLE',
  'PROGRAM_COMMITTED',
  'PROGRAM_SPENT',
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

/** One line of a journal. Append-only; a database trigger checks every journal sums to zero. */
@Entity('ledger_entries')
@Index(['programId', 'account'])
@Index(['journalId'])
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

  /** Debit positive, credit negative; whole won. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountKrw: bigint;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => LedgerJournal)
  @JoinColumn({ name: 'journal_id' })
  journal?: Relation<LedgerJournal>;
}
