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
  /** vouchers/: a voucher past its last day; what it did not spend went back to the budget. */
  VOUCHER_EXPIRED: 'voucher.expired',
} as const;

/**
 * processing-projects/ also publishes each entry of a project's history as
 * `processing_project.<action>`: `processing_project.project.matched`,
 * `processing_project.milestone.submitted`, `processing_project.milestone.accepted`, …
 */
export const PROJECT_EVENT_PREFIX = 'processing_project.';
