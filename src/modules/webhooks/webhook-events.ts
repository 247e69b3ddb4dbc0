import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../../platform/events/domain-events.js';
import { EVENT_TYPES, PROJECT_EVENT_PREFIX } from '../../platform/events/event-types.js';

/** An event as one organization's endpoints receive it: what it may see of it. */
export interface Routed {
  organizationId: string;
  data: Record<string, unknown>;
}

interface WebhookEventSpec {
  ko: string;
  en: string;
  /** The organizations whose endpoints hear of it, and the data each may see. */
  route(e: DomainEvent, m: EntityManager): Promise<Routed[]>;
}

const p = (e: DomainEvent) => e.payload as Record<string, unknown>;
const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));

/** The event's own organization, with the subject's id and the payload fields named. */
const own =
  (idField: string, fields: string[]) =>
  async (e: DomainEvent): Promise<Routed[]> =>
    e.organizationId
      ? [
          {
            organizationId: e.organizationId,
            data: { [idField]: e.subjectId, ...pick(p(e), fields) },
          },
        ]
      : [];

/** Buyer and seller of an order: the buyer sees its money split; the seller sees its sale. */
const orderParties =
  (extra: string[] = []) =>
  async (e: DomainEvent): Promise<Routed[]> => {
    const o = p(e);
    return [
      {
        organizationId: e.organizationId!,
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
        data: { orderId: e.subjectId, ...pick(o, ['productId', 'priceKrw', ...extra]) },
      },
    ];
  };

/** The project's owner and its processor. */
const projectParties = async (e: DomainEvent): Promise<Routed[]> => {
  const o = p(e);
  const data = {
    projectId: e.subjectId,
    ...pick(o, ['milestone', 'reason', 'processorOrganizationId']),
  };
  return [e.organizationId, o.processorOrganizationId as string | null]
    .filter((id): id is string => Boolean(id))
    .map((organizationId) => ({ organizationId, data }));
};

const PROJECT_ACTIONS: Record<string, [string, string]> = {
  'project.matched': ['가공 과제 매칭', 'Project matched'],
  'milestone.submitted': ['마일스톤 제출', 'Milestone submitted'],
  'milestone.accepted': ['마일스톤 승인', 'Milestone accepted'],
  'milestone.accepted_by_operator': ['마일스톤 운영자 승인', 'Milestone accepted by the operator'],
  'milestone.returned': ['마일스톤 반려', 'Milestone returned'],
};

/**
 * The events an organization's endpoints can subscribe to, and who hears each. An endpoint hears
 * only its own organization's events: a buyer its purchases, a seller its sales, never another
 * buyer's. Payloads carry ids and what changed, never secrets or download links.
 */
export const WEBHOOK_EVENTS: Record<string, WebhookEventSpec> = {
  [EVENT_TYPES.ORDER_PAID]: {
    ko: '결제 완료 (구매·판매)',
    en: 'Order paid (bought or sold)',
    route: orderParties(),
  },
  [EVENT_TYPES.ORDER_REFUNDED]: {
    ko: '환불 (구매·판매)',
    en: 'Order refunded (bought or sold)',
    route: orderParties(['reason']),
  },
  [EVENT_TYPES.ORDER_PAYMENT_DECLINED]: {
    ko: '카드 결제 거절',
    en: 'Card payment declined',
    route: own('orderId', ['productId', 'buyerKrw']),
  },
  [EVENT_TYPES.ORDER_CANCELLED]: {
    ko: '주문 취소·만료',
    en: 'Order cancelled or expired',
    route: own('orderId', ['productId', 'cause', 'reason']),
  },
  [EVENT_TYPES.ENTITLEMENT_EXPIRING]: {
    ko: '이용 기간 만료 예정',
    en: 'Licence ending in 30 days',
    route: own('entitlementId', ['productId', 'orderId', 'validUntil']),
  },
  [EVENT_TYPES.PRODUCT_LISTED]: {
    ko: '상품 등록',
    en: 'Product listed',
    route: own('productId', ['title', 'version', 'priceKrw']),
  },
  [EVENT_TYPES.PRODUCT_REVISED]: {
    ko: '상품 새 버전 (판매자·구매자)',
    en: 'New product version (seller and buyers holding it)',
    route: async (e, m) => {
      const data = { productId: e.subjectId, ...pick(p(e), ['title', 'version', 'priceKrw']) };
      const holders: { organizationId: string }[] = await m.query(
        `SELECT DISTINCT organization_id AS "organizationId" FROM entitlements
          WHERE product_id = $1 AND revoked_at IS NULL AND valid_until > now()`,
        [e.subjectId],
      );
      return [e.organizationId!, ...holders.map((h) => h.organizationId)].map((organizationId) => ({
        organizationId,
        data,
      }));
    },
  },
  [EVENT_TYPES.PRODUCT_DELISTED]: {
    ko: '판매 중지',
    en: 'Product delisted',
    route: own('productId', ['title', 'version', 'reason']),
  },
  [EVENT_TYPES.VERSION_VERIFIED]: {
    ko: '품질 검증 결과',
    en: 'Quality report finished',
    route: async (e, m) => {
      const [d] = await m.query(
        `SELECT d.id AS "datasetId", d.organization_id AS "organizationId", v.version
           FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE v.id = $1`,
        [e.subjectId],
      );
      if (!d) return [];
      return [
        {
          organizationId: d.organizationId,
          data: {
            datasetId: d.datasetId,
            versionId: e.subjectId,
            version: d.version,
            ...pick(p(e), ['status', 'score', 'reasons']),
          },
        },
      ];
    },
  },
  [EVENT_TYPES.APPLICATION_STATUS_CHANGED]: {
    ko: '지원서 상태 변경',
    en: 'Application moved',
    route: own('applicationId', ['programId', 'from', 'to', 'reason']),
  },
  [EVENT_TYPES.VOUCHER_ISSUED]: {
    ko: '바우처 발급',
    en: 'Voucher issued',
    route: own('voucherId', ['programId', 'applicationId', 'limitKrw', 'validUntil']),
  },
  [EVENT_TYPES.VOUCHER_EXPIRING]: {
    ko: '바우처 만료 예정',
    en: 'Voucher ending (14 and 3 days before)',
    route: own('voucherId', ['daysBefore', 'daysLeft', 'validUntil', 'availableKrw']),
  },
  [EVENT_TYPES.VOUCHER_EXPIRED]: {
    ko: '바우처 만료',
    en: 'Voucher expired',
    route: own('voucherId', ['validUntil', 'releasedKrw']),
  },
  [EVENT_TYPES.PAYOUT_RECORDED]: {
    ko: '정산 지급',
    en: 'Payout recorded',
    route: own('organizationId', ['amountKrw', 'reference']),
  },
  [EVENT_TYPES.PROJECT_COMPLETED]: {
    ko: '가공 과제 완료',
    en: 'Processing project completed',
    route: projectParties,
  },
  ...Object.fromEntries(
    Object.entries(PROJECT_ACTIONS).map(([action, [ko, en]]) => [
      `${PROJECT_EVENT_PREFIX}${action}`,
      { ko, en, route: projectParties },
    ]),
  ),
};

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS);
