import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../../platform/context/request-context.js';
import type { LedgerAccount } from './ledger-entry.entity.js';
import type { JournalKind } from './ledger-journal.entity.js';

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
    // The journal and its entries in one statement (one round trip); the deferred trigger still
    // checks at commit that the journal sums to zero.
    const [row]: { id: string }[] = await m.query(
      `WITH journal AS (
         INSERT INTO ledger_journals (kind, reference_type, reference_id, memo, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id
       ), lines AS (
         INSERT INTO ledger_entries (journal_id, account, program_id, organization_id, voucher_id, amount_krw)
         SELECT journal.id, l.account, l.program_id, l.organization_id, l.voucher_id, l.amount_krw
           FROM journal, unnest($6::text[], $7::uuid[], $8::uuid[], $9::uuid[], $10::bigint[])
                AS l(account, program_id, organization_id, voucher_id, amount_krw)
       )
       SELECT id FROM journal`,
      [
        journal.kind,
        journal.referenceType,
        journal.referenceId,
        journal.memo ?? null,
        requestContext.current()?.userId ?? null,
        lines.map((p) => p.account),
        lines.map((p) => p.programId ?? null),
        lines.map((p) => p.organizationId ?? null),
        lines.map((p) => p.voucherId ?? null),
        lines.map((p) => p.amountKrw.toString()),
      ],
    );
    return row.id;
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
      budgetKrw: sum(
        (r) =>
          r.account === 'PROGRAM_AVAILABLE' &&
          (r.kind === 'BUDGET_GRANTED' || r.kind === 'BUDGET_REDUCED'),
      ),
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
