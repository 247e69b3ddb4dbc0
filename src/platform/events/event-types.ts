/**
 * Every kind of domain event the exchange publishes, with the module that publishes it. A
 * subscriber (and, later, a webhook endpoint) names a kind from this list; the payloads are
 * described where each is published.
 */
export const EVENT_TYPES = {
  /** orders/: a purchase paid (the voucher part spent, the buyer entitled). */
  ORDER_PAID: 'order.paid',
  /** orders/: a paid purchase refunded, its entitlement revoked. */
  ORDER_REFUNDED: 'order.refunded',
  /** orders/: a card payment declined; the order stays payable until it expires. */
  ORDER_PAYMENT_DECLINED: 'order.payment_declined',
  /** orders/: an unpaid order cancelled by the buyer or expired (`cause`), its reservation released. */
  ORDER_CANCELLED: 'order.cancelled',
  /** orders/: a buyer's licence ends within 30 days (once per entitlement): validUntil. */
  ENTITLEMENT_EXPIRING: 'entitlement.expiring',
  /** orders/: money paid out to a seller: amountKrw, reference. */
  PAYOUT_RECORDED: 'payout.recorded',
  /** catalog/: a product on sale, taken off sale, or offering a newer version. */
  PRODUCT_LISTED: 'product.listed',
  PRODUCT_DELISTED: 'product.delisted',
  PRODUCT_REVISED: 'product.revised',
  /** applications/: an application moved (submitted, selected, rejected, …): from, to. */
  APPLICATION_STATUS_CHANGED: 'application.status_changed',
  /** processing-projects/: a project completed: processorOrganizationId. */
  PROJECT_COMPLETED: 'processing_project.completed',
  /** quality/: a version's verification ended: status, score, reasons. */
  VERSION_VERIFIED: 'quality.version_verified',
  /** vouchers/: a purchase-support voucher issued with its agreement: limitKrw, validUntil. */
  VOUCHER_ISSUED: 'voucher.issued',
  /** vouchers/: a voucher with money left ends within 14 (then 3) days: daysBefore, availableKrw. */
  VOUCHER_EXPIRING: 'voucher.expiring',
  /** vouchers/: a voucher past its last day; what it did not spend went back to the budget. */
  VOUCHER_EXPIRED: 'voucher.expired',
  /** organizations/: a person invited to an organization by e-mail: email, role, expiresAt. */
  MEMBER_INVITED: 'organization.member_invited',
  /** access/: a buyer asked to buy an approval-required product: productId, buyerOrganizationId, dueOn. */
  ACCESS_REQUEST_CREATED: 'access_request.created',
  /** access/: the seller (or an operator in its place) approved or refused: status, reason, accessUntil. */
  ACCESS_REQUEST_DECIDED: 'access_request.decided',
  /** access/: the seller did not answer by dueOn; the operators may decide now. */
  ACCESS_REQUEST_ESCALATED: 'access_request.escalated',
  /** access/: an approval lapsed unused: the buyer may ask again. */
  ACCESS_REQUEST_EXPIRED: 'access_request.expired',
  /** webhooks/: an endpoint that kept failing was switched off: url. */
  WEBHOOK_ENDPOINT_DISABLED: 'webhook_endpoint.disabled',
} as const;

/**
 * processing-projects/ also publishes each entry of a project's history as
 * `processing_project.<action>`: `processing_project.project.matched`,
 * `processing_project.milestone.submitted`, `processing_project.milestone.accepted`, …
 */
export const PROJECT_EVENT_PREFIX = 'processing_project.';
