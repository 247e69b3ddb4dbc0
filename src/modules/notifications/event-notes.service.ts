import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type DomainEvent, DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES, PROJECT_EVENT_PREFIX } from '../../platform/events/event-types.js';
import { seoulDate } from '../../platform/time/seoul-date.js';
import { type Note, Notifier } from './notifier.service.js';

const seoulDay = (at: string) => seoulDate(new Date(at));

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
  completed: {
    to: ['owner', 'processor'],
    ko: '가공 과제가 완료되었습니다',
    en: 'Project completed',
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
 * What each person should hear about, written from the domain events (the outbox): whom an event
 * concerns and what to tell them, in both languages. It reads other modules' tables to address
 * and word a notification; the Notifier writes it and mails it.
 */
@Injectable()
export class EventNotes implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifier: Notifier,
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
    on(EVENT_TYPES.PRODUCT_REVISED, 'revised', (e, m) => this.revised(e, m));
    on(EVENT_TYPES.ORDER_PAYMENT_DECLINED, 'order_declined', (e, m) => this.orderDeclined(e, m));
    on(EVENT_TYPES.ORDER_CANCELLED, 'order_cancelled', (e, m) => this.orderCancelled(e, m));
    on(EVENT_TYPES.ENTITLEMENT_EXPIRING, 'entitlement_expiring', (e, m) =>
      this.entitlementExpiring(e, m),
    );
    on(EVENT_TYPES.PAYOUT_RECORDED, 'payout', (e, m) => this.payout(e, m));
    on(EVENT_TYPES.VOUCHER_ISSUED, 'voucher_issued', (e, m) => this.voucherIssued(e, m));
    on(EVENT_TYPES.VOUCHER_EXPIRING, 'voucher_expiring', (e, m) => this.voucherExpiring(e, m));
    on(EVENT_TYPES.MEMBER_INVITED, 'invited', (e, m) => this.invited(e, m));
    on(EVENT_TYPES.WEBHOOK_ENDPOINT_DISABLED, 'webhook_disabled', (e, m) =>
      this.webhookDisabled(e, m),
    );
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
    const users = (await Promise.all(orgs.map((o) => this.notifier.members(m, o)))).flat();
    await this.notifier.notify(m, e, [...new Set(users)], {
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
    const title = await this.notifier.productTitle(m, p.productId as string);
    const buyer = await this.notifier.orgName(m, e.organizationId!);
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'order.paid',
      titleKo: `결제가 끝났습니다: ${title}`,
      titleEn: `Paid: ${title}`,
      bodyKo: `바우처 ${won(p.voucherKrw)}, 자부담 ${won(p.buyerKrw)}. 내 구매에서 내려받을 수 있습니다.`,
      bodyEn: `Voucher ${krw(p.voucherKrw)}, own share ${krw(p.buyerKrw)}. Download it from your purchases.`,
      link: '/purchases?tab=entitlements',
    });
    await this.notifier.notify(
      m,
      e,
      await this.notifier.members(m, p.sellerOrganizationId as string),
      {
        kind: 'order.sold',
        titleKo: `판매되었습니다: ${title}`,
        titleEn: `Sold: ${title}`,
        bodyKo: `구매 기관 ${buyer} · 판매 금액 ${won(p.priceKrw)}`,
        bodyEn: `Bought by ${buyer} for ${krw(p.priceKrw)}`,
        link: '/sell?tab=sales',
      },
    );
  }

  private async orderRefunded(e: DomainEvent, m: EntityManager) {
    const p = e.payload;
    const title = await this.notifier.productTitle(m, p.productId as string);
    const note = (side: string): Note => ({
      kind: 'order.refunded',
      titleKo: `환불되었습니다: ${title}`,
      titleEn: `Refunded: ${title}`,
      bodyKo: `사유: ${String(p.reason ?? '')}`,
      bodyEn: `Reason: ${String(p.reason ?? '')}`,
      link: side === 'buyer' ? '/purchases?tab=orders' : '/sell?tab=sales',
    });
    await this.notifier.notify(
      m,
      e,
      await this.notifier.members(m, e.organizationId!),
      note('buyer'),
    );
    await this.notifier.notify(
      m,
      e,
      await this.notifier.members(m, p.sellerOrganizationId as string),
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
    const { from } = e.payload as { from: string };
    const words: Record<string, [string, string, string]> = {
      EVALUATION: ['application.screened', '서류 심사를 통과했습니다', 'Passed screening'],
      SELECTED: ['application.decided', '선정되었습니다', 'Selected'],
      REJECTED:
        from === 'SCREENING'
          ? ['application.decided', '서류 심사에서 탈락했습니다', 'Not through screening']
          : ['application.decided', '선정되지 않았습니다', 'Not selected'],
      AGREEMENT: ['agreement.signed', '협약이 체결되었습니다', 'Agreement signed'],
    };
    const w = words[to];
    if (!w) return;
    const [{ title }] = await m.query(`SELECT title FROM programs WHERE id = $1`, [programId]);
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!, true), {
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
    const { status, score, reasons, reasonsKo } = e.payload as {
      status: string;
      score: number | null;
      reasons: string[];
      /** Absent from events published before Korean reasons were. */
      reasonsKo?: string[];
    };
    const [d] = await m.query(
      `SELECT d.id, d.title, d.organization_id AS "organizationId", v.version
         FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE v.id = $1`,
      [e.subjectId],
    );
    if (!d) return;
    const passed = status === 'PASSED';
    await this.notifier.notify(m, e, await this.notifier.members(m, d.organizationId), {
      kind: 'quality.report',
      titleKo: passed
        ? `품질 검증 통과: ${d.title} v${d.version} (${score}점)`
        : `품질 검증 실패: ${d.title} v${d.version}`,
      titleEn: passed
        ? `Quality verified: ${d.title} v${d.version} (score ${score})`
        : `Quality check failed: ${d.title} v${d.version}`,
      bodyKo: passed ? null : (reasonsKo?.length ? reasonsKo : reasons).join(' '),
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
    await this.notifier.notify(m, e, await this.notifier.members(m, p.organizationId), {
      kind: 'product.delisted',
      titleKo: `판매가 중지되었습니다: ${p.title}`,
      titleEn: `Delisted: ${p.title}`,
      bodyKo: `사유: ${reason}`,
      bodyEn: `Reason: ${reason}`,
      link: `/sell/products/${e.subjectId}`,
    });
  }

  /** Buyers holding a product hear of its new version (they may download it under their licence). */
  private async revised(e: DomainEvent, m: EntityManager) {
    const { title, version } = e.payload as { title: string; version: number };
    const holders: { organizationId: string }[] = await m.query(
      `SELECT DISTINCT organization_id AS "organizationId" FROM entitlements
        WHERE product_id = $1 AND revoked_at IS NULL AND valid_until > now()`,
      [e.subjectId],
    );
    const users = (
      await Promise.all(holders.map((h) => this.notifier.members(m, h.organizationId)))
    ).flat();
    await this.notifier.notify(m, e, users, {
      kind: 'product.revised',
      titleKo: `새 버전이 나왔습니다: ${title} v${version}`,
      titleEn: `New version: ${title} v${version}`,
      bodyKo: '이용 기간 안에는 새 버전도 내려받을 수 있습니다.',
      bodyEn: 'Your licence covers it: download it from your purchases.',
      link: `/products/${e.subjectId}`,
    });
  }

  private async orderDeclined(e: DomainEvent, m: EntityManager) {
    const title = await this.notifier.productTitle(m, e.payload.productId as string);
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'order.declined',
      titleKo: `카드 결제가 거절되었습니다: ${title}`,
      titleEn: `Card payment declined: ${title}`,
      bodyKo: `자부담 ${won(e.payload.buyerKrw)}. 주문이 만료되기 전에 다른 카드로 다시 결제할 수 있습니다.`,
      bodyEn: `Own share ${krw(e.payload.buyerKrw)}. You can pay with another card before the order expires.`,
      link: '/purchases?tab=orders',
    });
  }

  private async orderCancelled(e: DomainEvent, m: EntityManager) {
    const title = await this.notifier.productTitle(m, e.payload.productId as string);
    const expired = e.payload.cause === 'expired';
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'order.cancelled',
      titleKo: expired
        ? `결제 시간이 지나 주문이 취소되었습니다: ${title}`
        : `주문이 취소되었습니다: ${title}`,
      titleEn: expired ? `Order expired unpaid: ${title}` : `Order cancelled: ${title}`,
      bodyKo:
        Number(e.payload.voucherKrw) > 0
          ? `바우처에 잡아 둔 ${won(e.payload.voucherKrw)}은 다시 쓸 수 있습니다.`
          : null,
      bodyEn:
        Number(e.payload.voucherKrw) > 0
          ? `The ${krw(e.payload.voucherKrw)} held on your voucher is free again.`
          : null,
      link: '/purchases?tab=orders',
    });
  }

  private async entitlementExpiring(e: DomainEvent, m: EntityManager) {
    const title = await this.notifier.productTitle(m, e.payload.productId as string);
    const day = seoulDay(e.payload.validUntil as string);
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'entitlement.expiring',
      titleKo: `이용 기간이 곧 끝납니다: ${title}`,
      titleEn: `Licence ending soon: ${title}`,
      bodyKo: `${day}까지 내려받을 수 있습니다.`,
      bodyEn: `You can download it until ${day}.`,
      link: '/purchases?tab=entitlements',
    });
  }

  private async payout(e: DomainEvent, m: EntityManager) {
    const { amountKrw, reference } = e.payload as { amountKrw: number; reference: string };
    await this.notifier.notify(m, e, await this.notifier.members(m, e.subjectId, true), {
      kind: 'payout.recorded',
      titleKo: `정산금이 지급되었습니다: ${won(amountKrw)}`,
      titleEn: `Payout recorded: ${krw(amountKrw)}`,
      bodyKo: `참조: ${reference}`,
      bodyEn: `Reference: ${reference}`,
      link: '/sell?tab=sales',
    });
  }

  private async voucherIssued(e: DomainEvent, m: EntityManager) {
    const { limitKrw, validUntil, applicationId } = e.payload as {
      limitKrw: number;
      validUntil: string;
      applicationId: string;
    };
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'voucher.issued',
      titleKo: `바우처가 발급되었습니다: ${won(limitKrw)}`,
      titleEn: `Voucher issued: ${krw(limitKrw)}`,
      bodyKo: `${validUntil}까지 거래소의 데이터 상품을 살 때 쓸 수 있습니다.`,
      bodyEn: `Use it to buy data products on the exchange until ${validUntil}.`,
      link: `/applications/${applicationId}`,
    });
  }

  private async voucherExpiring(e: DomainEvent, m: EntityManager) {
    const { daysLeft, validUntil, availableKrw } = e.payload as {
      daysLeft: number;
      validUntil: string;
      availableKrw: number;
    };
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!), {
      kind: 'voucher.expiring',
      titleKo: `바우처가 ${daysLeft}일 뒤 끝납니다 (남은 금액 ${won(availableKrw)})`,
      titleEn: `Your voucher ends in ${daysLeft} days (${krw(availableKrw)} left)`,
      bodyKo: `${validUntil}이 지나면 남은 금액은 예산으로 돌아갑니다.`,
      bodyEn: `After ${validUntil} what is left goes back to the budget.`,
      link: '/products',
    });
  }

  /** The invited person: in the inbox and by mail when they have an account, else by mail to sign up. */
  private async invited(e: DomainEvent, m: EntityManager) {
    const { email, role } = e.payload as { email: string; role: string };
    const org = await this.notifier.orgName(m, e.organizationId!);
    const [user] = await m.query(`SELECT id FROM users WHERE email = $1`, [email]);
    const note: Note = {
      kind: 'invitation.received',
      titleKo: `${org}에서 초대했습니다 (${role === 'admin' ? '관리자' : '구성원'})`,
      titleEn: `${org} invites you (${role})`,
      bodyKo: user
        ? '화면 위의 초대 알림에서 수락하거나 거절할 수 있습니다.'
        : `이 주소(${email})로 가입하면 초대를 수락할 수 있습니다.`,
      bodyEn: user
        ? 'Accept or decline it from the invitation banner at the top of any page.'
        : `Sign up with this address (${email}) to accept it.`,
      link: user ? '/' : '/signup',
    };
    if (user) await this.notifier.notify(m, e, [user.id], note);
    else await this.notifier.mailAddress(m, e, email, note);
  }

  private async webhookDisabled(e: DomainEvent, m: EntityManager) {
    const { url, failures } = e.payload as { url: string; failures: number };
    await this.notifier.notify(m, e, await this.notifier.members(m, e.organizationId!, true), {
      kind: 'webhook.disabled',
      titleKo: `웹훅 엔드포인트를 중지했습니다: ${url}`,
      titleEn: `Webhook endpoint disabled: ${url}`,
      bodyKo: `${failures}건의 전송이 재시도 기간 내내 실패했습니다. 수신 서버를 고친 뒤 다시 켜 주세요.`,
      bodyEn: `${failures} deliveries failed for the whole retry window. Fix the receiver, then enable it again.`,
      link: `/settings?tab=webhooks&org=${e.organizationId}`,
    });
  }
}
