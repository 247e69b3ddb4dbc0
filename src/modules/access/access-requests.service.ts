import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { addBusinessDays } from '../../platform/time/business-days.js';
import { seoulDate, seoulToday } from '../../platform/time/seoul-date.js';
import { AuditService } from '../audit/index.js';
import { Product } from '../catalog/index.js';
import { Organization, RelatedParties } from '../organizations/index.js';
import { AccessQueries } from './access-queries.service.js';
import { AccessRequest } from './access-request.entity.js';
import type { CreateAccessRequestDto } from './dto/access.dto.js';

const DAY = 86_400_000;
export const ACCESS_SWEEP_JOB = 'access.sweep';
/** The domain event each step of a request publishes. */
const STEP_EVENTS = {
  created: EVENT_TYPES.ACCESS_REQUEST_CREATED,
  approved: EVENT_TYPES.ACCESS_REQUEST_DECIDED,
  refused: EVENT_TYPES.ACCESS_REQUEST_DECIDED,
  escalated: EVENT_TYPES.ACCESS_REQUEST_ESCALATED,
  expired: EVENT_TYPES.ACCESS_REQUEST_EXPIRED,
} as const;

/**
 * Access requests for products whose sellers vet their buyers: asked by a buyer, answered by the
 * seller within the deadline or, once escalated, by an operator in its place. The only writer of
 * access_requests; checkout asks `assertApproved`.
 */
@Injectable()
export class AccessRequestsService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly related: RelatedParties,
    private readonly resolvers: OrgResolvers,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queries: AccessQueries,
  ) {}

  onModuleInit(): void {
    // Who may decide: the seller's members (operators are let in by their role).
    this.resolvers.register(
      'access_request',
      async (id) =>
        (
          await this.tx.manager
            .getRepository(AccessRequest)
            .findOne({ where: { id }, select: { sellerOrganizationId: true } })
        )?.sellerOrganizationId,
    );
    this.jobs.work(ACCESS_SWEEP_JOB, () => this.sweep().then(() => undefined), 1, {
      pollSeconds: 5,
    });
    this.jobs.schedule(ACCESS_SWEEP_JOB, '30 * * * *', { atStart: {} });
  }

  async request(productId: string, dto: CreateAccessRequestDto, user: Principal, now = new Date()) {
    const buyerId = user.actingFor(dto.organizationId);
    const id = await this.tx.run(async (m) => {
      const product = await m.findOne(Product, { where: { id: productId } });
      if (!product || product.status !== 'LISTED')
        throw notFound('Product', productId, '상품을 찾을 수 없습니다.');
      if (!product.approvalRequired)
        throw new DomainError(
          'ACCESS_NOT_REQUIRED',
          `"${product.title}" needs no approval; order it directly.`,
        );
      const [buyer, seller] = await Promise.all([
        m.findOneByOrFail(Organization, { id: buyerId }),
        m.findOneByOrFail(Organization, { id: product.organizationId }),
      ]);
      if (buyer.id === seller.id)
        throw new DomainError(
          'VALIDATION_FAILED',
          'This is your own product; you need no access to it.',
          {
            messageKo: '내 기관의 상품입니다. 이용 신청이 필요 없습니다.',
          },
        );
      await this.related.assertUnrelated(m, 'order', buyer, seller);
      // One open request per product and buyer, however many ask at once.
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `access:${productId}:${buyerId}`,
      ]);
      await this.assertMayAsk(m, productId, buyerId, now);
      const made = m.create(AccessRequest, {
        productId,
        sellerOrganizationId: seller.id,
        buyerOrganizationId: buyer.id,
        requestedBy: user.id,
        intendedUse: dto.intendedUse,
        status: 'PENDING',
        dueOn: addBusinessDays(seoulToday(now), this.config.access.answerBusinessDays),
        createdAt: now,
      });
      await this.move(m, made, 'created', buyer.id, { dueOn: made.dueOn });
      return made.id;
    });
    return this.queries.view(id);
  }

  /** Refuses a second request while one is open or approved, and one during a refusal's cool-down. */
  private async assertMayAsk(m: EntityManager, productId: string, buyerId: string, now: Date) {
    const last = await m.findOne(AccessRequest, {
      where: { productId, buyerOrganizationId: buyerId },
      order: { createdAt: 'DESC' },
    });
    if (!last) return;
    if (last.status === 'PENDING' || last.status === 'ESCALATED')
      throw new DomainError(
        'ACCESS_REQUEST_OPEN',
        `Your request ${last.id} is waiting for the seller's answer (due ${last.dueOn}).`,
        {
          messageKo: `이미 신청한 요청(${last.id})이 판매자의 답을 기다리고 있습니다 (답변 기한 ${last.dueOn}).`,
          details: { accessRequestId: last.id, status: last.status, dueOn: last.dueOn },
        },
      );
    if (last.status === 'APPROVED' && last.accessUntil && last.accessUntil > now)
      throw new DomainError(
        'ACCESS_REQUEST_OPEN',
        `Your request ${last.id} is approved until ${seoulDate(last.accessUntil)}; order the product.`,
        {
          messageKo: `신청(${last.id})이 이미 승인되었습니다 (${seoulDate(last.accessUntil)}까지). 상품을 주문해 주세요.`,
          details: { accessRequestId: last.id, status: last.status, accessUntil: last.accessUntil },
        },
      );
    if (last.status === 'APPROVED') await this.lapse(m, last); // past its time, not yet swept
    if (last.status === 'REFUSED' && last.askAgainFrom && last.askAgainFrom > now)
      throw new DomainError(
        'ACCESS_COOLDOWN',
        `The seller refused your request on ${seoulDate(last.decidedAt!)} ("${last.reason}"); you may ask again from ${seoulDate(last.askAgainFrom)}.`,
        {
          messageKo: `판매자가 ${seoulDate(last.decidedAt!)}에 신청을 거절했습니다 ("${last.reason}"). ${seoulDate(last.askAgainFrom)}부터 다시 신청할 수 있습니다.`,
          details: { accessRequestId: last.id, askAgainFrom: last.askAgainFrom },
        },
      );
  }

  async approve(id: string, user: Principal, now = new Date()) {
    return this.decide(id, user, 'APPROVED', null, now);
  }

  async refuse(id: string, reason: string, user: Principal, now = new Date()) {
    return this.decide(id, user, 'REFUSED', reason, now);
  }

  /**
   * The seller's answer, or an operator's once the request is escalated. The row is locked, so of
   * two answers at once the second is told the first.
   */
  private async decide(
    id: string,
    user: Principal,
    status: 'APPROVED' | 'REFUSED',
    reason: string | null,
    now: Date,
  ) {
    await this.tx.run(async (m) => {
      const r = await m.findOne(AccessRequest, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!r) throw notFound('Access request', id, '이용 신청을 찾을 수 없습니다.');
      const asSeller = Boolean(user.roleIn(r.sellerOrganizationId));
      if (r.status !== 'PENDING' && r.status !== 'ESCALATED')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Request ${id} is ${r.status} already${r.decidedAt ? ` (since ${seoulDate(r.decidedAt)})` : ''}; it cannot be answered again.`,
          { messageKo: `이미 처리된 신청입니다 (${r.status}). 다시 답할 수 없습니다.` },
        );
      if (!asSeller && r.status !== 'ESCALATED')
        throw new DomainError(
          'INVALID_TRANSITION',
          `The seller has until ${r.dueOn} to answer request ${id}; operators decide only escalated requests.`,
          {
            messageKo: `판매자의 답변 기한(${r.dueOn})이 아직 지나지 않았습니다. 운영자는 기한이 지난 신청만 결정할 수 있습니다.`,
          },
        );
      if (!asSeller)
        await this.related.assertNoStaffConflict(
          m,
          user.id,
          [r.buyerOrganizationId, r.sellerOrganizationId],
          'access',
        );
      r.status = status;
      r.decidedAt = now;
      r.decidedBy = user.id;
      r.decidedAs = asSeller ? 'SELLER' : 'OPERATOR';
      r.reason = reason;
      r.accessUntil =
        status === 'APPROVED'
          ? new Date(now.getTime() + this.config.access.approvalDays * DAY)
          : null;
      r.askAgainFrom =
        status === 'REFUSED'
          ? new Date(now.getTime() + this.config.access.cooldownDays * DAY)
          : null;
      await this.move(
        m,
        r,
        status === 'APPROVED' ? 'approved' : 'refused',
        r.sellerOrganizationId,
        {
          decidedAs: r.decidedAs,
          ...(reason && { reason }),
          ...(r.accessUntil && { accessUntil: r.accessUntil }),
        },
      );
    });
    return this.queries.view(id);
  }

  /**
   * Past its due date a pending request goes to the operators (and both sides hear it); an
   * approval past its time lapses. Runs hourly on any instance; each row moves once.
   */
  async sweep(now = new Date()): Promise<{ escalated: number; expired: number }> {
    return this.tx.run(async (m) => {
      // Rows another sweep holds are its to move: skipped, never moved twice.
      const due = (where: string, params: object) =>
        m
          .createQueryBuilder(AccessRequest, 'r')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(where, params)
          .getMany();
      const late = await due(`r.status = 'PENDING' AND r.due_on < :today`, {
        today: seoulToday(now),
      });
      for (const r of late) {
        r.status = 'ESCALATED';
        r.escalatedAt = now;
        await this.move(m, r, 'escalated', r.sellerOrganizationId, { dueOn: r.dueOn }, null);
      }
      const lapsed = await due(`r.status = 'APPROVED' AND r.access_until <= :now`, { now });
      for (const r of lapsed) await this.lapse(m, r);
      return { escalated: late.length, expired: lapsed.length };
    });
  }

  private async lapse(m: EntityManager, r: AccessRequest) {
    r.status = 'EXPIRED';
    await this.move(m, r, 'expired', r.buyerOrganizationId, { accessUntil: r.accessUntil }, null);
  }

  /**
   * Every step of a request, in its transaction: the row saved, the audit trail's entry (by the
   * caller, or by the service itself: `actorId` null) and the domain event both sides hear of.
   */
  private async move(
    m: EntityManager,
    r: AccessRequest,
    step: keyof typeof STEP_EVENTS,
    organizationId: string,
    details: Record<string, unknown>,
    actorId?: null,
  ) {
    await m.save(r);
    await this.audit.record(m, {
      action: `access_request.${step}`,
      entityType: 'access_request',
      entityId: r.id,
      organizationId,
      ...(actorId === null && { actorId }),
      details: {
        productId: r.productId,
        buyerOrganizationId: r.buyerOrganizationId,
        sellerOrganizationId: r.sellerOrganizationId,
        ...details,
      },
    });
    await this.events.publish(m, {
      type: STEP_EVENTS[step],
      subjectType: 'access_request',
      subjectId: r.id,
      organizationId: r.buyerOrganizationId,
      payload: {
        productId: r.productId,
        sellerOrganizationId: r.sellerOrganizationId,
        status: r.status,
        dueOn: r.dueOn,
        decidedAs: r.decidedAs,
        reason: r.reason,
        accessUntil: r.accessUntil,
        askAgainFrom: r.askAgainFrom,
      },
    });
  }

  /**
   * Checkout asks: a product that needs approval is sold only to a buyer with a live approval.
   * The refusal says where the buyer stands.
   */
  async assertApproved(m: EntityManager, product: Product, buyerOrganizationId: string) {
    if (!product.approvalRequired) return;
    const last = await m.findOne(AccessRequest, {
      where: { productId: product.id, buyerOrganizationId },
      order: { createdAt: 'DESC' },
    });
    if (last?.status === 'APPROVED' && last.accessUntil && last.accessUntil > new Date()) return;
    const [en, ko] =
      last?.status === 'PENDING' || last?.status === 'ESCALATED'
        ? [
            `your request is waiting for the seller's answer (due ${last.dueOn})`,
            `신청이 판매자의 답을 기다리고 있습니다 (기한 ${last.dueOn})`,
          ]
        : last?.status === 'REFUSED'
          ? [
              `the seller refused your request: ${last.reason}`,
              `판매자가 신청을 거절했습니다: ${last.reason}`,
            ]
          : last?.status === 'APPROVED' || last?.status === 'EXPIRED'
            ? ['your approval has lapsed; ask again', '승인 기간이 지났습니다. 다시 신청해 주세요']
            : [
                'ask for access on the product page first',
                '상품 페이지에서 먼저 이용 신청을 해 주세요',
              ];
    throw new DomainError(
      'ACCESS_NOT_APPROVED',
      `The seller of "${product.title}" approves its buyers: ${en}.`,
      {
        messageKo: `"${product.title}"은(는) 판매자의 승인이 필요한 상품입니다. ${ko}.`,
        details: { accessRequestId: last?.id ?? null, status: last?.status ?? null },
      },
    );
  }
}
