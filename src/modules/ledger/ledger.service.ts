import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../../platform/context/request-context.js';
import { type LedgerAccount, LedgerEntry } from './ledger-entry.entity.js';
import { type JournalKind, LedgerJournal } from './ledger-journal.entity.js';

export interface Posting {
  account: LedgerAccount;
  amountKrw: bigint;
  programId?: string | null;
  organizationId?: string | null;
  voucherId?: string | null;
}

export interface ProgramBalances {
  /** What the program was granted in all. */
  budgetKrw: bigint;
  availableKrw: bigint;
  committedKrw: bigint;
  spentKrw: bigint;
  /** Committed money that came back to the budget (completed or cancelled agreements). */
  releasedKrw: bigint;
}

/**
 * The double-entry journal. Callers post inside their own transaction, after locking what they
 * spend; the journal's entries must sum to zero (checked here and by a deferred database trigger).
 */
@Injectable()
export class LedgerService {
  async post(
    m: EntityManager,
    journal: { kind: JournalKind; referenceType: string; referenceId: string; memo?: string },
    postings: Posting[],
  ): Promise<string> {
    const sum = postings.reduce((acc, p) => acc + p.amountKrw, 0n);
    if (sum !== 0n) throw new Error(`unbalanced journal ${journal.kind}: entries sum to ${sum}`);
    const lines = postings.filter((p) => p.amountKrw !== 0n);
    if (lines.length === 0) return '';
    const { id } = await m.save(
      m.create(LedgerJournal, {
        ...journal,
        memo: journal.memo ?? null,
        createdBy: requestContext.current()?.userId ?? null,
      }),
    );
    await m.insert(
      LedgerEntry,
      lines.map((p) => ({
        journalId: id,
        account: p.account,
        amountKrw: p.amountKrw,
        programId: p.programId ?? null,
        organizationId: p.organizationId ?? null,
        voucherId: p.voucherId ?? null,
      })),
    );
    return id;
  }

  /** Moves `amount` from one account to another (debit `to`, credit `from`). */
  transfer(
    m: EntityManager,
    journal: { kind: JournalKind; referenceType: string; referenceId: string; memo?: string },
    from: Omit<Posting, 'amountKrw'>,
    to: Omit<Posting, 'amountKrw'>,
    amountKrw: bigint,
  ): Promise<string> {
    return this.post(m, journal, [
      { ...to, amountKrw },
      { ...from, amountKrw: -amountKrw },
    ]);
  }

  async programBalances(m: EntityManager, programId: string): Promise<ProgramBalances> {
    const rows: { account: LedgerAccount; kind: JournalKind; total: string }[] = await m.query(
      `SELECT e.account, j.kind, sum(e.amount_krw)::text AS total
         FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
        WHERE e.program_id = $1
        GROUP BY e.account, j.kind`,
      [programId],
    );
    const sum = (pred: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(pred).reduce((acc, r) => acc + BigInt(r.total), 0n);
    return {
      budgetKrw: sum((r) => r.account === 'PROGRAM_AVAILABLE' && r.kind === 'BUDGET_GRANTED'),
      availableKrw: sum((r) => r.account === 'PROGRAM_AVAILABLE'),
      // Voucher money is still committed to its agreement, whether free or held by an order.
      committedKrw: sum((r) =>
        ['PROGRAM_COMMITTED', 'VOUCHER_AVAILABLE', 'VOUCHER_RESERVED'].includes(r.account),
      ),
      spentKrw: sum((r) => r.account === 'PROGRAM_SPENT'),
      releasedKrw: sum((r) => r.account === 'PROGRAM_AVAILABLE' && r.kind === 'BUDGET_RELEASED'),
    };
  }

  /** A voucher's balances: free to spend, held by open orders, spent. */
  async voucherBalances(
    m: EntityManager,
    voucherId: string,
  ): Promise<{ availableKrw: bigint; reservedKrw: bigint; spentKrw: bigint }> {
    const rows: { account: LedgerAccount; total: string }[] = await m.query(
      `SELECT account, sum(amount_krw)::text AS total FROM ledger_entries WHERE voucher_id = $1 GROUP BY account`,
      [voucherId],
    );
    const of = (account: LedgerAccount) =>
      BigInt(rows.find((r) => r.account === account)?.total ?? '0');
    return {
      availableKrw: of('VOUCHER_AVAILABLE'),
      reservedKrw: of('VOUCHER_RESERVED'),
      spentKrw: of('PROGRAM_SPENT'),
    };
  }

  /** Committed money of one agreement (its commitments minus what was released or spent). */
  async committedFor(m: EntityManager, referenceId: string): Promise<bigint> {
    const [row] = await m.query(
      `SELECT coalesce(sum(e.amount_krw), 0)::text AS total
         FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
        WHERE j.reference_id = $1 AND e.account = 'PROGRAM_COMMITTED'`,
      [referenceId],
    );
    return BigInt(row.total);
  }
}
