import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../../platform/events/domain-events.js';
import { EVENT_TYPES, PROJECT_EVENT_PREFIX } from '../../platform/events/event-types.js';

/**
 * The event types an endpoint can subscribe to: the names receivers see, in the API contract's
 * words (`product.sold`, `quality_report.completed`, `milestone.accepted`, …). They are not the
 * domain events' own names: one domain event reads differently to each party (a payment is
 * `order.paid` to its buyer and `product.sold` to its seller).
 */
export const WEBHOOK_EVENT_TYPES = {
  'order.paid': { ko: '결제 완료 (구매)', en: 'Order paid (as the buyer)' },
  'product.sold': { ko: '상품 판매 (판매)', en: 'Product sold (as the seller)' },
  'order.refunded': { ko: '환불 (구매·판매)', en: 'Order refunded (bought or sold)' },
  'order.payment_declined': { ko: '카드 결제 거절', en: 'Card payment declined' },
  'order.cancelled': { ko: '주문 취소·만료', en: 'Order cancelled or expired' },
  'entitlement.expiring': { ko: '이용 기간 만료 예정', en: 'Licence ending in 30 days' },
  'product.listed': { ko: '상품 등록', en: 'Product listed' },
  'product.revised': {
    ko: '상품 새 버전 (판매자·구매자)',
    en: 'New product version (seller and buyers holding it)',
  },
  'product.delisted': { ko: '판매 중지', en: 'Product delisted' },
  'quality_report.completed': { ko: '품질 검증 결과', en: 'Quality report finished' },
  'application.status_changed': {
    ko: '지원서 상태 변경 (제출·심사 등)',
    en: 'Application moved (submitted, screened, …)',
  },
  'application.decided': { ko: '선정 결과', en: 'Application decided' },
  'voucher.issued': { ko: '바우처 발급', en: 'Voucher issued' },
  'voucher.expiring': { ko: '바우처 만료 예정', en: 'Voucher ending (14 and 3 days before)' },
  'voucher.expired': { ko: '바우처 만료', en: 'Voucher expired' },
  'payout.recorded': { ko: '정산 지급', en: 'Payout recorded' },
  'project.matched': { ko: '가공 과제 매칭', en: 'Processing project matched' },
  'milestone.submitted': { ko: '마일스톤 제출', en: 'Milestone submitted' },
  'milestone.accepted': { ko: '마일스톤 승인', en: 'Milestone accepted' },
  'milestone.returned': { ko: '마일스톤 반려', en: 'Milestone returned' },
  'project.completed': { ko: '가공 과제 완료', en: 'Processing project completed' },
  'access_request.created': { ko: '이용 신청 (판매자)', en: 'Access requested (as the seller)' },
  'access_request.decided': {
    ko: '이용 신청 승인·거절 (구매·판매)',
    en: 'Access request approved or refused (buyer and seller)',
  },
  'access_request.escalated': {
    ko: '이용 신청 답변 기한 경과 (구매·판매)',
    en: 'Access request past its deadline (buyer and seller)',
  },
  'access_request.expired': {
    ko: '이용 승인 기간 종료 (구매)',
    en: 'Access approval lapsed (buyer)',
  },
} as const satisfies Record<string, { ko: string; en: string }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

/** An event as one organization's endpoints receive it: its type for them, what they may see. */
export interface Routed {
  organizationId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

type Route = (e: DomainEvent, m: EntityManager) => Promise<Routed[]>;

const p = (e: DomainEvent) => e.payload as Record<string, unknown>;
const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));

/** The event's own organization, as `type`, with the subject's id and the payload fields named. */
const own =
  (type: WebhookEventType, idField: string, fields: string[]): Route =>
  async (e) =>
    e.organizationId
      ? [
          {
            organizationId: e.organizationId,
            type,
            data: { [idField]: e.subjectId, ...pick(p(e), fields) },
          },
        ]
      : [];

/** Buyer and seller of an order: the buyer sees its money split; the seller sees its sale. */
const orderParties =
  (buyerType: WebhookEventType, sellerType: WebhookEventType, extra: string[] = []): Route =>
  async (e) => {
    const o = p(e);
    return [
      {
        organizationId: e.organizationId!,
        type: buyerType,
        data: {
          orderId: e.subjectId,
          ...pick(o, [
            'productId',
            'sellerOrganizationId',
            'priceKrw',
            'voucherKrw',
            'buyerKrw',
            ...extra,
          ]),
        },
      },
      {
        organizationId: o.sellerOrganizationId as string,
        type: sellerType,
        data: { orderId: e.subjectId, ...pick(o, ['productId', 'priceKrw', ...extra]) },
      },
    ];
  };

/** The project's owner and its processor. */
const projectParties =
  (type: WebhookEventType, extra: Record<string, unknown> = {}): Route =>
  async (e) => {
    const o = p(e);
    const data = {
      projectId: e.subjectId,
      ...pick(o, ['milestone', 'reason', 'processorOrganizationId']),
      ...extra,
    };
    return [e.organizationId, o.processorOrganizationId as string | null]
      .filter((id): id is string => Boolean(id))
      .map((organizationId) => ({ organizationId, type, data }));
  };

/** An access request's buyer and seller (`to`), with the request's state; never the buyer's intended use. */
const accessParties =
  (type: WebhookEventType, to: ('buyer' | 'seller')[]): Route =>
  async (e) => {
    const o = p(e);
    const data = {
      accessRequestId: e.subjectId,
      buyerOrganizationId: e.organizationId,
      ...pick(o, [
        'productId',
        'sellerOrganizationId',
        'status',
        'dueOn',
        'decidedAs',
        'reason',
        'accessUntil',
        'askAgainFrom',
      ]),
    };
    return to.map((side) => ({
      organizationId: side === 'buyer' ? e.organizationId! : (o.sellerOrganizationId as string),
      type,
      data,
    }));
  };

const DECISIONS = new Set(['SELECTED', 'REJECTED']);

/**
 * Which domain events reach endpoints, as what and to whom. An endpoint hears only its own
 * organization's events: a buyer its purchases, a seller its sales, never another buyer's.
 * Payloads carry ids and what changed, never secrets, download links or another party's money.
 */
export const WEBHOOK_SOURCES: Record<string, Route> = {
  [EVENT_TYPES.ACCESS_REQUEST_CREATED]: accessParties('access_request.created', ['seller']),
  [EVENT_TYPES.ACCESS_REQUEST_DECIDED]: accessParties('access_request.decided', [
    'buyer',
    'seller',
  ]),
  [EVENT_TYPES.ACCESS_REQUEST_ESCALATED]: accessParties('access_request.escalated', [
    'buyer',
    'seller',
  ]),
  [EVENT_TYPES.ACCESS_REQUEST_EXPIRED]: accessParties('access_request.expired', ['buyer']),
  [EVENT_TYPES.ORDER_PAID]: orderParties('order.paid', 'product.sold'),
  [EVENT_TYPES.ORDER_REFUNDED]: orderParties('order.refunded', 'order.refunded', ['reason']),
  [EVENT_TYPES.ORDER_PAYMENT_DECLINED]: own('order.payment_declined', 'orderId', [
    'productId',
    'buyerKrw',
  ]),
  [EVENT_TYPES.ORDER_CANCELLED]: own('order.cancelled', 'orderId', [
    'productId',
    'cause',
    'reason',
  ]),
  [EVENT_TYPES.ENTITLEMENT_EXPIRING]: own('entitlement.expiring', 'entitlementId', [
    'productId',
    'orderId',
    'validUntil',
  ]),
  [EVENT_TYPES.PRODUCT_LISTED]: own('product.listed', 'productId', [
    'title',
    'version',
    'priceKrw',
  ]),
  [EVENT_TYPES.PRODUCT_REVISED]: async (e, m) => {
    const data = { productId: e.subjectId, ...pick(p(e), ['title', 'version', 'priceKrw']) };
    const holders: { organizationId: string }[] = await m.query(
      `SELECT DISTINCT organization_id AS "organizationId" FROM entitlements
        WHERE product_id = $1 AND revoked_at IS NULL AND valid_until > now()`,
      [e.subjectId],
    );
    return [e.organizationId!, ...holders.map((h) => h.organizationId)].map((organizationId) => ({
      organizationId,
      type: 'product.revised' as const,
      data,
    }));
  },
  [EVENT_TYPES.PRODUCT_DELISTED]: own('product.delisted', 'productId', [
    'title',
    'version',
    'reason',
  ]),
  [EVENT_TYPES.VERSION_VERIFIED]: async (e, m) => {
    const [d] = await m.query(
      `SELECT d.id AS "datasetId", d.organization_id AS "organizationId", v.version
         FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE v.id = $1`,
      [e.subjectId],
    );
    if (!d) return [];
    return [
      {
        organizationId: d.organizationId,
        type: 'quality_report.completed',
        data: {
          datasetId: d.datasetId,
          versionId: e.subjectId,
          version: d.version,
          ...pick(p(e), ['status', 'score', 'reasons']),
        },
      },
    ];
  },
  [EVENT_TYPES.APPLICATION_STATUS_CHANGED]: (e, m) =>
    own(
      DECISIONS.has(String(p(e).to)) ? 'application.decided' : 'application.status_changed',
      'applicationId',
      ['programId', 'from', 'to', 'reason'],
    )(e, m),
  [EVENT_TYPES.VOUCHER_ISSUED]: own('voucher.issued', 'voucherId', [
    'programId',
    'applicationId',
    'limitKrw',
    'validUntil',
  ]),
  [EVENT_TYPES.VOUCHER_EXPIRING]: own('voucher.expiring', 'voucherId', [
    'daysBefore',
    'daysLeft',
    'validUntil',
    'availableKrw',
  ]),
  [EVENT_TYPES.VOUCHER_EXPIRED]: own('voucher.expired', 'voucherId', ['validUntil', 'releasedKrw']),
  [EVENT_TYPES.PAYOUT_RECORDED]: own('payout.recorded', 'organizationId', [
    'amountKrw',
    'reference',
  ]),
  [EVENT_TYPES.PROJECT_COMPLETED]: projectParties('project.completed'),
  [`${PROJECT_EVENT_PREFIX}project.matched`]: projectParties('project.matched'),
  [`${PROJECT_EVENT_PREFIX}milestone.submitted`]: projectParties('milestone.submitted'),
  [`${PROJECT_EVENT_PREFIX}milestone.accepted`]: projectParties('milestone.accepted', {
    byOperator: false,
  }),
  [`${PROJECT_EVENT_PREFIX}milestone.accepted_by_operator`]: projectParties('milestone.accepted', {
    byOperator: true,
  }),
  [`${PROJECT_EVENT_PREFIX}milestone.returned`]: projectParties('milestone.returned'),
};
