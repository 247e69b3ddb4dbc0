import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const JOURNAL_KINDS = [
  'BUDGET_GRANTED',
  /** An operator lowered a call's budget: money not yet committed goes back. */
  'BUDGET_REDUCED',
  'BUDGET_COMMITTED',
  'BUDGET_RELEASED',
  'BUDGET_SPENT',
  'VOUCHER_ISSUED',
  'VOUCHER_RESERVED',
  'VOUCHER_RESERVATION_RELEASED',
  'ORDER_PAID',
  'ORDER_REFUNDED',
  'SELLER_PAID_OUT',
  'OWN_SHARE_PAID',
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** One balanced money movement and what caused it. */
@Entity('ledger_journals')
@Index(['referenceType', 'referenceId'])
export class LedgerJournal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: JournalKind;

  /** What caused it: a program, an agreement, later an order or a refund. */
  @Column({ type: 'text' })
  referenceType: string;

  @Column({ type: 'uuid' })
  referenceId: string;

  @Column({ type: 'text', nullable: true })
  memo: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
