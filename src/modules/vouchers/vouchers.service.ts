import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { AgreementSeams } from '../applications/index.js';
import type { Agreement } from '../applications/index.js';
import { AuditService } from '../audit/index.js';
import { LedgerService } from '../ledger/index.js';
import { Organization, Standing } from '../organizations/index.js';
import { moneyTermsFor } from '../programs/index.js';
import type { Program } from '../programs/index.js';
import { Voucher } from './voucher.entity.js';
import {
  type VoucherDetailView,
  type VoucherMovementView,
  type VoucherView,
  voucherView,
} from './dto/vouchers.views.js';
import { won } from '../../platform/money/won.js';
import { type PageQuery, pageOf, window } from '../../platform/http/pagination.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';

export const EXPIRE_JOB = 'vouchers.expire';
export const REMIND_JOB = 'vouchers.remind';
/** Reminders go out this many days before a voucher's last day, while it has money left. */
export const REMIND_DAYS_BEFORE = [14, 3] as const;

@Injectable()
export class VouchersService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly ledger: LedgerService,
    private readonly seams: AgreementSeams,
    private readonly standing: Standing,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.seams.onSigned('PURCHASE_SUPPORT', (m, agreement, program) =>
      this.issue(m, agreement, program),
    );
    this.seams.onClosed('PURCHASE_SUPPORT', (m, agreement) => this.closeForAgreement(m, agreement));
    this.jobs.work(EXPIRE_JOB, () => this.expire().then(() => undefined), 1, { pollSeconds: 5 });
    this.jobs.schedule(EXPIRE_JOB, '5 15 * * *'); // 00:05 in Seoul
    this.jobs.work(REMIND_JOB, () => this.remind().then(() => undefined), 1, { pollSeconds: 5 });
    this.jobs.schedule(REMIND_JOB, '10 * * * *', { atStart: {} });
  }

  /**
   * Announces each voucher with money left that ends within 14 days, and again within 3: once per
   * voucher and threshold, whichever instance runs it and however often (the event's once-key).
   * A voucher issued with 10 days left hears the 14-day reminder at once.
   */
  async remind(now = new Date()): Promise<number> {
    const today = seoulToday(now);
    const due: { id: string; organizationId: string; validUntil: string; daysLeft: number }[] =
      await this.dataSource.query(
        `SELECT id, organization_id AS "organizationId", valid_until::text AS "validUntil",
                (valid_until - $1::date) AS "daysLeft"
           FROM vouchers WHERE status = 'ACTIVE' AND valid_until BETWEEN $1::date AND $1::date + $2::int`,
        [today, REMIND_DAYS_BEFORE[0]],
      );
    let sent = 0;
    for (const v of due) {
      const daysBefore = Math.min(...REMIND_DAYS_BEFORE.filter((d) => v.daysLeft <= d));
      await this.tx.run(async (m) => {
        const { availableKrw } = await this.ledger.voucherBalances(m, v.id);
        if (availableKrw <= 0n) return;
        const id = await this.events.publish(m, {
          type: EVENT_TYPES.VOUCHER_EXPIRING,
          subjectType: 'voucher',
          subjectId: v.id,
          organizationId: v.organizationId,
          payload: {
            daysBefore,
            daysLeft: v.daysLeft,
            validUntil: v.validUntil,
            availableKrw: Number(availableKrw),
          },
          onceKey: `voucher.expiring:${v.id}:${daysBefore}`,
        });
        if (id) sent++;
      });
    }
    return sent;
  }

  /** Issues the voucher of a purchase-support agreement; its limit moves from the agreement's commitment to the voucher. */
  private async issue(m: EntityManager, agreement: Agreement, program: Program) {
    const organization = await m.findOneByOrFail(Organization, { id: agreement.organizationId });
    // The agreement was signed for the confirmed category (AgreementsService.sign).
    const category = await this.standing.confirmedCategory(m, organization.id);
    const rateBp = moneyTermsFor(program.terms, category)!.maxGovernmentRateBp;
    const voucher = await m.save(
      m.create(Voucher, {
        agreementId: agreement.id,
        programId: program.id,
        organizationId: organization.id,
        limitKrw: agreement.governmentKrw,
        rateBp,
        validFrom: agreement.startsOn,
        validUntil: agreement.endsOn,
        status: 'ACTIVE',
      }),
    );
    await this.ledger.transfer(
      m,
      {
        kind: 'VOUCHER_ISSUED',
        referenceType: 'agreement',
        referenceId: agreement.id,
        memo: `voucher ${voucher.id}`,
      },
      { account: 'PROGRAM_COMMITTED', programId: program.id, organizationId: organization.id },
      {
        account: 'VOUCHER_AVAILABLE',
        programId: program.id,
        organizationId: organization.id,
        voucherId: voucher.id,
      },
      agreement.governmentKrw,
    );
    await this.audit.record(m, {
      action: 'voucher.issued',
      entityType: 'voucher',
      entityId: voucher.id,
      organizationId: organization.id,
      details: { limitKrw: voucher.limitKrw, rateBp, validUntil: voucher.validUntil },
    });
    await this.events.publish(m, {
      type: EVENT_TYPES.VOUCHER_ISSUED,
      subjectType: 'voucher',
      subjectId: voucher.id,
      organizationId: organization.id,
      payload: {
        programId: program.id,
        applicationId: agreement.applicationId,
        limitKrw: Number(voucher.limitKrw),
        rateBp,
        validUntil: voucher.validUntil,
      },
    });
    return { voucherId: voucher.id };
  }

  /** When its agreement ends, what the voucher did not spend goes back to the budget. */
  private async closeForAgreement(m: EntityManager, agreement: Agreement) {
    const voucher = await m.findOne(Voucher, {
      where: { agreementId: agreement.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!voucher || voucher.status === 'CLOSED') return;
    const { reservedKrw } = await this.ledger.voucherBalances(m, voucher.id);
    if (reservedKrw > 0n)
      throw new DomainError(
        'CONFLICT',
        `Voucher ${voucher.id} still holds ${won(reservedKrw)} for open orders; wait until they are paid or cancelled.`,
      );
    await this.releaseAvailable(m, voucher, 'agreement closed');
    await m.update(Voucher, { id: voucher.id }, { status: 'CLOSED', closedAt: new Date() });
  }

  private async releaseAvailable(m: EntityManager, voucher: Voucher, memo: string) {
    const { availableKrw } = await this.ledger.voucherBalances(m, voucher.id);
    if (availableKrw > 0n)
      await this.ledger.transfer(
        m,
        { kind: 'BUDGET_RELEASED', referenceType: 'voucher', referenceId: voucher.id, memo },
        {
          account: 'VOUCHER_AVAILABLE',
          programId: voucher.programId,
          organizationId: voucher.organizationId,
          voucherId: voucher.id,
        },
        { account: 'PROGRAM_AVAILABLE', programId: voucher.programId },
        availableKrw,
      );
    return availableKrw;
  }

  /** Vouchers past their last day stop paying; what they did not spend is released to the budget. */
  async expire(now = new Date()): Promise<number> {
    const today = seoulToday(now);
    const due = await this.dataSource.query(
      `SELECT id FROM vouchers WHERE status = 'ACTIVE' AND valid_until < $1`,
      [today],
    );
    for (const { id } of due as { id: string }[])
      await this.tx.run(async (m) => {
        const voucher = await m.findOne(Voucher, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!voucher || voucher.status !== 'ACTIVE') return;
        const released = await this.releaseAvailable(m, voucher, 'voucher expired');
        await m.update(Voucher, { id }, { status: 'EXPIRED', closedAt: new Date() });
        await this.audit.record(m, {
          action: 'voucher.expired',
          entityType: 'voucher',
          entityId: id,
          organizationId: voucher.organizationId,
          actorId: null,
          details: { releasedKrw: released },
        });
        await this.events.publish(m, {
          type: EVENT_TYPES.VOUCHER_EXPIRED,
          subjectType: 'voucher',
          subjectId: id,
          organizationId: voucher.organizationId,
          payload: { releasedKrw: Number(released), validUntil: voucher.validUntil },
        });
      });
    return due.length;
  }

  async list(viewer: Principal, query: PageQuery, organizationId?: string) {
    const qb = this.dataSource
      .getRepository(Voucher)
      .createQueryBuilder('v')
      .orderBy('v.issuedAt', 'DESC');
    if (organizationId) qb.andWhere('v.organizationId = :organizationId', { organizationId });
    if (!viewer.isOperator)
      qb.andWhere('v.organizationId IN (:...orgs)', {
        orgs: viewer.organizationIds.length
          ? viewer.organizationIds
          : ['00000000-0000-0000-0000-000000000000'],
      });
    const [vouchers, total] = await qb
      .addOrderBy('v.id')
      .skip(window(query).skip)
      .take(window(query).take)
      .getManyAndCount();
    return pageOf([await Promise.all(vouchers.map((v) => this.view(v))), total], query);
  }

  async get(id: string, viewer: Principal): Promise<VoucherDetailView> {
    const voucher = await this.dataSource.getRepository(Voucher).findOneBy({ id });
    if (!voucher || (!viewer.isOperator && !viewer.roleIn(voucher.organizationId)))
      throw notFound('Voucher', id, '바우처를 찾을 수 없습니다.');
    const movements = await this.dataSource.query(
      `SELECT j.kind, j.reference_type AS "referenceType", j.reference_id AS "referenceId", j.memo, j.created_at AS at, e.account, e.amount_krw::bigint AS "amountKrw"
         FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
        WHERE e.voucher_id = $1 ORDER BY e.id`,
      [id],
    );
    return {
      ...(await this.view(voucher)),
      movements: movements.map((r: VoucherMovementView & { amountKrw: string }) => ({
        ...r,
        amountKrw: Number(r.amountKrw),
      })),
    };
  }

  private async view(v: Voucher): Promise<VoucherView> {
    return voucherView(v, await this.ledger.voucherBalances(this.dataSource.manager, v.id));
  }
}
