import type { Principal } from '../../platform/auth/principal.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import { LedgerService } from '../ledger/index.js';
import { Organization, Standing, FACTS, RelatedParties } from '../organizations/index.js';
import type { PartyFacts } from '../organizations/index.js';
import { won } from '../../platform/money/won.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { type PageQuery, pagedQuery } from '../../platform/http/pagination.js';

/** What sellers are owed for paid orders, and the payouts the operator records. */
@Injectable()
export class PayoutsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly standing: Standing,
    private readonly related: RelatedParties,
    private readonly events: DomainEvents,
  ) {}

  private async owed(m: EntityManager, organizationId: string) {
    const [row] = await m.query(
      `SELECT coalesce(-sum(amount_krw) FILTER (WHERE account = 'SELLER_PAYABLE'), 0)::text AS owed,
              coalesce(-sum(amount_krw) FILTER (WHERE account = 'SELLER_PAID'), 0)::text AS paid
         FROM ledger_entries WHERE organization_id = $1 AND account IN ('SELLER_PAYABLE', 'SELLER_PAID')`,
      [organizationId],
    );
    return { owedKrw: BigInt(row.owed), paidOutKrw: BigInt(row.paid) };
  }

  /**
   * The related-party rule at payout: a link found after a sale (an operator's record, a member
   * who joined both) stops the payout until the operator has refunded what the related party paid.
   */
  private async assertNoRelatedPayer(m: EntityManager, organizationId: string) {
    const payers: PartyFacts[] = await m.query(
      `SELECT ${FACTS} FROM organizations o
        WHERE o.id IN (SELECT buyer_organization_id FROM orders WHERE seller_organization_id = $1 AND status = 'PAID'
                       UNION SELECT owner_organization_id FROM processing_projects WHERE processor_organization_id = $1)`,
      [organizationId],
    );
    const payee = await m.findOneByOrFail(Organization, { id: organizationId });
    for (const payer of payers) await this.related.assertUnrelated(m, 'payout', payee, payer);
  }

  /** Sellers owed money for paid orders, most owed first (operators). */
  async owedSellers(query: PageQuery) {
    const page = await pagedQuery<{
      organizationId: string;
      organizationName: string;
      owedKrw: string;
      paidOutKrw: string;
    }>(
      this.dataSource,
      `SELECT e.organization_id AS "organizationId", o.name AS "organizationName",
              (-sum(e.amount_krw) FILTER (WHERE e.account = 'SELLER_PAYABLE'))::text AS "owedKrw",
              coalesce(-sum(e.amount_krw) FILTER (WHERE e.account = 'SELLER_PAID'), 0)::text AS "paidOutKrw"
         FROM ledger_entries e JOIN organizations o ON o.id = e.organization_id
        WHERE e.account IN ('SELLER_PAYABLE', 'SELLER_PAID')
        GROUP BY e.organization_id, o.name
       HAVING -sum(e.amount_krw) FILTER (WHERE e.account = 'SELLER_PAYABLE') > 0`,
      [],
      '"owedKrw"::bigint DESC, "organizationId"',
      query,
    );
    return {
      ...page,
      items: page.items.map((r) => ({
        ...r,
        owedKrw: Number(r.owedKrw),
        paidOutKrw: Number(r.paidOutKrw),
      })),
    };
  }

  async summary(organizationId: string) {
    const balances = await this.owed(this.dataSource.manager, organizationId);
    const payouts = await this.dataSource.query(
      `SELECT j.id, j.memo AS reference, j.created_at AS at, -e.amount_krw::bigint AS "amountKrw"
         FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
        WHERE e.organization_id = $1 AND e.account = 'SELLER_PAID' ORDER BY j.created_at DESC`,
      [organizationId],
    );
    return {
      organizationId,
      ...balances,
      payouts: payouts.map((p: { amountKrw: string }) => ({
        ...p,
        amountKrw: Number(p.amountKrw),
      })),
    };
  }

  /** Records money paid out to a seller; never more than it is owed. */
  async record(organizationId: string, amountKrw: bigint, reference: string, operator: Principal) {
    await this.tx.run(async (m) => {
      await this.related.assertNoStaffConflict(m, operator.id, [organizationId], 'payout');
      // One payout of a seller at a time.
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `payout:${organizationId}`,
      ]);
      await this.standing.assertInGoodStanding(m, organizationId, {
        en: 'be paid out',
        ko: '정산받을',
      });
      await this.assertNoRelatedPayer(m, organizationId);
      const { owedKrw } = await this.owed(m, organizationId);
      if (amountKrw > owedKrw)
        throw new DomainError(
          'CONFLICT',
          `The seller is owed ${won(owedKrw)}; a payout of ${won(amountKrw)} would pay more than that.`,
        );
      await this.ledger.transfer(
        m,
        {
          kind: 'SELLER_PAID_OUT',
          referenceType: 'organization',
          referenceId: organizationId,
          memo: reference,
        },
        { account: 'SELLER_PAID', organizationId },
        { account: 'SELLER_PAYABLE', organizationId },
        amountKrw,
      );
      await this.audit.record(m, {
        action: 'seller.paid_out',
        entityType: 'organization',
        entityId: organizationId,
        organizationId,
        details: { amountKrw, reference },
      });
      await this.events.publish(m, {
        type: EVENT_TYPES.PAYOUT_RECORDED,
        subjectType: 'organization',
        subjectId: organizationId,
        organizationId,
        payload: { amountKrw: Number(amountKrw), reference },
      });
    });
    return this.summary(organizationId);
  }
}
