import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { notFound } from '../../platform/errors/domain-error.js';
import { type DomainEvent, DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES, PROJECT_EVENT_PREFIX } from '../../platform/events/event-types.js';
import type { NotificationQueryDto } from './dto/notifications.views.js';
import { Notification } from './notification.entity.js';

/** A notification as the event handlers write it. */
interface Note {
  kind: string;
  titleKo: string;
  titleEn: string;
  bodyKo?: string | null;
  bodyEn?: string | null;
  link?: string | null;
}

/** What a project's history tells whom: the owner must decide on a submission, the processor hears the decision. */
const PROJECT_NEWS: Record<string, { to: ('owner' | 'processor')[]; ko: string; en: string }> = {
  'project.matched': { to: ['owner', 'processor'], ko: '가공 과제 매칭', en: 'Project matched' },
  'milestone.submitted': {
    to: ['owner'],
    ko: '마일스톤 제출: {m} (승인 또는 반려해 주세요)',
    en: 'Milestone submitted: {m} (accept or return it)',
  },
  'milestone.accepted': {
    to: ['processor'],
    ko: '마일스톤 승인: {m}',
    en: 'Milestone accepted: {m}',
  },
  'milestone.accepted_by_operator': {
    to: ['owner', 'processor'],
    ko: '마일스톤 승인(운영자): {m}',
    en: 'Milestone accepted by the operator: {m}',
  },
  'milestone.returned': {
    to: ['processor'],
    ko: '마일스톤 반려: {m}',
    en: 'Milestone returned: {m}',
  },
};
const MILESTONE_NAMES: Record<string, [string, string]> = {
  PROCESSING: ['데이터 가공', 'Processing'],
  QUALITY_VERIFICATION: ['품질 검증', 'Quality verification'],
  REGISTRATION: ['거래소 등록', 'Listing on the exchange'],
};

const won = (n: unknown) => `${Number(n).toLocaleString('ko-KR')}원`;
const krw = (n: unknown) => `${Number(n).toLocaleString('en-US')} KRW`;

/**
 * The in-app inbox: what each person should hear about, written from the domain events (the
 * outbox), once per event, kind and person. It reads other modules' tables to address and word
 * a notification, and writes only its own.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    const on = (
      type: string,
      name: string,
      handler: (e: DomainEvent, m: EntityManager) => Promise<void>,
    ) => this.events.subscribe(type, `notifications.${name}`, handler);
    on(EVENT_TYPES.ORDER_PAID, 'order_paid', (e, m) => this.orderPaid(e, m));
    on(EVENT_TYPES.ORDER_REFUNDED, 'order_refunded', (e, m) => this.orderRefunded(e, m));
    on(EVENT_TYPES.APPLICATION_STATUS_CHANGED, 'application', (e, m) => this.application(e, m));
    on(EVENT_TYPES.VERSION_VERIFIED, 'quality', (e, m) => this.quality(e, m));
    on(EVENT_TYPES.PRODUCT_DELISTED, 'delisted', (e, m) => this.delisted(e, m));
    for (const action of Object.keys(PROJECT_NEWS))
      on(`${PROJECT_EVENT_PREFIX}${action}`, `project.${action}`, (e, m) =>
        this.project(action, e, m),
      );
  }

  /** A processing project's news, to the side that must act on it (or both, when matched). */
  private async project(action: string, e: DomainEvent, m: EntityManager) {
    const news = PROJECT_NEWS[action];
    const { milestone, reason, processorOrganizationId } = e.payload as {
      milestone: string | null;
      reason: string | null;
      processorOrganizationId: string | null;
    };
    const [p] = await m.query(
      `SELECT title FROM programs pr JOIN processing_projects pp ON pp.program_id = pr.id WHERE pp.id = $1`,
      [e.subjectId],
    );
    const [ko, en] = milestone ? (MILESTONE_NAMES[milestone] ?? [milestone, milestone]) : ['', ''];
    const orgs = [
      ...(news.to.includes('owner') ? [e.organizationId!] : []),
      ...(news.to.includes('processor') && processorOrganizationId
        ? [processorOrganizationId]
        : []),
    ];
    const users = (await Promise.all(orgs.map((o) => this.members(m, o)))).flat();
    await this.notify(m, e, [...new Set(users)], {
      kind: `project.${action.replace(/^project\./, '')}`,
      titleKo: news.ko.replace('{m}', ko),
      titleEn: news.en.replace('{m}', en),
      bodyKo: reason ? `사유: ${reason}` : (p?.title ?? null),
      bodyEn: reason ? `Reason: ${reason}` : (p?.title ?? null),
      link: `/projects/${e.subjectId}`,
    });
  }

  /** The buyer hears it is paid; the seller hears it sold. */
  private async orderPaid(e: DomainEvent, m: EntityManager) {
    const p = e.payload;
    const title = await this.productTitle(m, p.productId as string);
    const buyer = await this.orgName(m, e.organizationId!);
    await this.notify(m, e, await this.members(m, e.organizationId!), {
      kind: 'order.paid',
      titleKo: `결제가 끝났습니다: ${title}`,
      titleEn: `Paid: ${title}`,
      bodyKo: `바우처 ${won(p.voucherKrw)}, 자부담 ${won(p.buyerKrw)}. 내 구매에서 내려받을 수 있습니다.`,
      bodyEn: `Voucher ${krw(p.voucherKrw)}, own share ${krw(p.buyerKrw)}. Download it from your purchases.`,
      link: '/purchases?tab=entitlements',
    });
    await this.notify(m, e, await this.members(m, p.sellerOrganizationId as string), {
      kind: 'order.sold',
      titleKo: `판매되었습니다: ${title}`,
      titleEn: `Sold: ${title}`,
      bodyKo: `구매 기관 ${buyer} · 판매 금액 ${won(p.priceKrw)}`,
      bodyEn: `Bought by ${buyer} for ${krw(p.priceKrw)}`,
      link: '/sell?tab=sales',
    });
  }

  private async orderRefunded(e: DomainEvent, m: EntityManager) {
    const p = e.payload;
    const title = await this.productTitle(m, p.productId as string);
    const note = (side: string): Note => ({
      kind: 'order.refunded',
      titleKo: `환불되었습니다: ${title}`,
      titleEn: `Refunded: ${title}`,
      bodyKo: `사유: ${String(p.reason ?? '')}`,
      bodyEn: `Reason: ${String(p.reason ?? '')}`,
      link: side === 'buyer' ? '/purchases?tab=orders' : '/sell?tab=sales',
    });
    await this.notify(m, e, await this.members(m, e.organizationId!), note('buyer'));
    await this.notify(
      m,
      e,
      await this.members(m, p.sellerOrganizationId as string),
      note('seller'),
    );
  }

  /** The applicant's admins hear the decision with its reason, and the agreement. */
  private async application(e: DomainEvent, m: EntityManager) {
    const { to, reason, programId } = e.payload as {
      to: string;
      reason: string | null;
      programId: string;
    };
    const words: Record<string, [string, string, string]> = {
      SELECTED: ['application.decided', '선정되었습니다', 'Selected'],
      REJECTED: ['application.decided', '선정되지 않았습니다', 'Not selected'],
      AGREEMENT: ['agreement.signed', '협약이 체결되었습니다', 'Agreement signed'],
    };
    const w = words[to];
    if (!w) return;
    const [{ title }] = await m.query(`SELECT title FROM programs WHERE id = $1`, [programId]);
    await this.notify(m, e, await this.members(m, e.organizationId!, true), {
      kind: w[0],
      titleKo: `${w[1]}: ${title}`,
      titleEn: `${w[2]}: ${title}`,
      bodyKo: to === 'AGREEMENT' ? null : reason && `사유: ${reason}`,
      bodyEn: to === 'AGREEMENT' ? null : reason && `Reason: ${reason}`,
      link: `/applications/${e.subjectId}`,
    });
  }

  /** The dataset's organization hears its quality report: passed with the score, or why not. */
  private async quality(e: DomainEvent, m: EntityManager) {
    const { status, score, reasons } = e.payload as {
      status: string;
      score: number | null;
      reasons: string[];
    };
    const [d] = await m.query(
      `SELECT d.id, d.title, d.organization_id AS "organizationId", v.version
         FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE v.id = $1`,
      [e.subjectId],
    );
    if (!d) return;
    const passed = status === 'PASSED';
    await this.notify(m, e, await this.members(m, d.organizationId), {
      kind: 'quality.report',
      titleKo: passed
        ? `품질 검증 통과: ${d.title} v${d.version} (${score}점)`
        : `품질 검증 실패: ${d.title} v${d.version}`,
      titleEn: passed
        ? `Quality verified: ${d.title} v${d.version} (score ${score})`
        : `Quality check failed: ${d.title} v${d.version}`,
      bodyKo: passed ? null : reasons.join(' '),
      bodyEn: passed ? null : reasons.join(' '),
      link: `/sell/datasets/${d.id}`,
    });
  }

  private async delisted(e: DomainEvent, m: EntityManager) {
    const [p] = await m.query(
      `SELECT title, organization_id AS "organizationId" FROM products WHERE id = $1`,
      [e.subjectId],
    );
    if (!p) return;
    const reason = String(e.payload.reason ?? '');
    await this.notify(m, e, await this.members(m, p.organizationId), {
      kind: 'product.delisted',
      titleKo: `판매가 중지되었습니다: ${p.title}`,
      titleEn: `Delisted: ${p.title}`,
      bodyKo: `사유: ${reason}`,
      bodyEn: `Reason: ${reason}`,
      link: `/sell/products/${e.subjectId}`,
    });
  }

  /** One row per person; an event delivered again adds nothing. */
  private async notify(m: EntityManager, e: DomainEvent, userIds: string[], note: Note) {
    if (!userIds.length) return;
    await m
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        userIds.map((userId) => ({
          userId,
          eventId: e.id,
          kind: note.kind,
          titleKo: note.titleKo,
          titleEn: note.titleEn,
          bodyKo: note.bodyKo ?? null,
          bodyEn: note.bodyEn ?? null,
          link: note.link ?? null,
        })),
      )
      .orIgnore()
      .execute();
  }

  private async members(m: EntityManager, organizationId: string, adminsOnly = false) {
    const rows: { userId: string }[] = await m.query(
      `SELECT user_id AS "userId" FROM memberships WHERE organization_id = $1 ${adminsOnly ? `AND role = 'admin'` : ''}`,
      [organizationId],
    );
    return rows.map((r) => r.userId);
  }

  private async productTitle(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT title FROM products WHERE id = $1`, [id]);
    return row?.title ?? '—';
  }

  private async orgName(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT name FROM organizations WHERE id = $1`, [id]);
    return row?.name ?? '—';
  }

  /** A person's notifications, newest first, with how many are unread in all. */
  async inbox(userId: string, query: NotificationQueryDto) {
    const repo = this.dataSource.getRepository(Notification);
    const where = { userId, ...(query.unread && { readAt: IsNull() }) };
    const [items, total] = await repo.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const unread = await repo.count({ where: { userId, readAt: IsNull() } });
    return { items: items.map(view), total, unread, page: query.page, pageSize: query.pageSize };
  }

  async markRead(userId: string, id: string) {
    const repo = this.dataSource.getRepository(Notification);
    const note = await repo.findOneBy({ id, userId });
    if (!note) throw notFound('Notification', id, '알림을 찾을 수 없습니다.');
    if (!note.readAt) {
      note.readAt = new Date();
      await repo.update({ id, userId, readAt: IsNull() }, { readAt: note.readAt });
    }
    return view(note);
  }

  async markAllRead(userId: string) {
    const result = await this.dataSource
      .getRepository(Notification)
      .update({ userId, readAt: IsNull() }, { readAt: new Date() });
    return { marked: result.affected ?? 0 };
  }
}

function view(n: Notification) {
  const { userId: _u, eventId: _e, ...rest } = n;
  return rest;
}
