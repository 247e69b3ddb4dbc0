/**
 * Every kind of notification, with its name in both languages and whether a person may switch it
 * off. Money taken or returned and decisions about someone cannot be switched off: they always
 * reach the inbox and the mailbox.
 */
export const NOTIFICATION_KINDS = {
  'invitation.received': { ko: '기관 초대', en: 'Invitation to an organization' },
  'application.screened': { ko: '서류 심사 결과', en: 'Screening result' },
  'application.decided': { ko: '선정 결과', en: 'Selection decision', mandatory: true },
  'agreement.signed': { ko: '협약 체결', en: 'Agreement signed' },
  'voucher.issued': { ko: '바우처 발급', en: 'Voucher issued' },
  'voucher.expiring': {
    ko: '바우처 만료 예정 (14일·3일 전)',
    en: 'Voucher ending (14 and 3 days before)',
  },
  'order.paid': { ko: '결제 완료', en: 'Order paid', mandatory: true },
  'order.declined': { ko: '카드 결제 거절', en: 'Card payment declined' },
  'order.cancelled': { ko: '주문 취소·만료', en: 'Order cancelled or expired' },
  'order.refunded': { ko: '환불', en: 'Order refunded', mandatory: true },
  'entitlement.expiring': {
    ko: '이용 기간 만료 예정 (30일 전)',
    en: 'Licence ending (30 days before)',
  },
  'product.revised': { ko: '구매한 상품의 새 버전', en: 'New version of a product you bought' },
  'order.sold': { ko: '상품 판매', en: 'Product sold' },
  'quality.report': { ko: '품질 검증 결과', en: 'Quality report' },
  'payout.recorded': { ko: '정산 지급', en: 'Payout recorded', mandatory: true },
  'product.delisted': { ko: '운영자의 판매 중지', en: 'Delisted by the operator', mandatory: true },
  'project.matched': { ko: '가공 과제 매칭', en: 'Project matched' },
  'project.milestone.submitted': { ko: '마일스톤 제출', en: 'Milestone submitted' },
  'project.milestone.accepted': { ko: '마일스톤 승인', en: 'Milestone accepted' },
  'project.milestone.accepted_by_operator': {
    ko: '마일스톤 운영자 승인',
    en: 'Milestone accepted by the operator',
  },
  'project.milestone.returned': { ko: '마일스톤 반려', en: 'Milestone returned' },
  'project.completed': { ko: '가공 과제 완료', en: 'Project completed' },
  'access.requested': { ko: '상품 이용 신청 (판매자)', en: 'Access requested (as the seller)' },
  'access.decided': {
    ko: '이용 신청 승인·거절',
    en: 'Access request approved or refused',
    mandatory: true,
  },
  'access.escalated': {
    ko: '이용 신청 답변 기한 경과',
    en: 'Access request past its deadline',
  },
  'access.expired': { ko: '이용 승인 기간 종료', en: 'Access approval lapsed' },
  'webhook.disabled': {
    ko: '웹훅 엔드포인트 중지',
    en: 'Webhook endpoint disabled',
    mandatory: true,
  },
} as const satisfies Record<string, { ko: string; en: string; mandatory?: boolean }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const NOTIFICATION_CHANNELS = ['OFF', 'IN_APP', 'IN_APP_AND_EMAIL'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** What a person gets for a kind they never chose for. */
export const DEFAULT_CHANNEL: NotificationChannel = 'IN_APP_AND_EMAIL';

export const isMandatory = (kind: string) =>
  Boolean((NOTIFICATION_KINDS as Record<string, { mandatory?: boolean }>)[kind]?.mandatory);
