/** A payment event the service acts on, after its signature was verified. */
export interface PaymentEvent {
  id: string;
  type: 'payment_intent.succeeded' | 'payment_intent.payment_failed' | 'charge.refunded' | string;
  paymentIntentId: string | null;
  orderId: string | null;
  /** The payment's metadata (orderId or projectId). */
  metadata: Record<string, string>;
  amountKrw: bigint | null;
  /** The currency Stripe names, lower case (`krw`); an event in another never pays an order. */
  currency: string | null;
  /** For refunds: how much of the charge has been refunded in all. */
  amountRefundedKrw: bigint | null;
}

export interface CreatedPayment {
  paymentIntentId: string;
  clientSecret: string;
  status: string;
}

/**
 * Why an event cannot move money that should be `amountKrw` won, or undefined when it carries
 * exactly that amount in KRW. An event for another amount or currency changes nothing.
 */
export function amountMismatch(
  event: { amountKrw: bigint | null; currency: string | null },
  amountKrw: bigint,
): string | undefined {
  if (event.currency === 'krw' && event.amountKrw === amountKrw) return undefined;
  return `the event is for ${event.amountKrw ?? 'no amount'} ${event.currency ?? 'in no currency'}, not ${amountKrw} krw`;
}

/** The one place that turns won into a payment provider's amount: KRW is zero-decimal, so it is the same number. */
export function toProviderAmount(krw: bigint): number {
  if (krw <= 0n || krw > BigInt(Number.MAX_SAFE_INTEGER))
    throw new Error(`cannot charge ${krw} KRW`);
  return Number(krw);
}

/**
 * What checkout asks of a card payment provider. The Stripe adapter implements it against real
 * Stripe or the local emulator; modules depend on this port, never on the SDK.
 */
export abstract class PaymentPort {
  abstract readonly mode: 'stripe' | 'emulator';
  /** `reference` goes into the payment's metadata (orderId, or projectId for an own share). */
  abstract createPayment(input: {
    reference: Record<string, string>;
    amountKrw: bigint;
    description: string;
    idempotencyKey: string;
  }): Promise<CreatedPayment>;
  abstract cancelPayment(paymentIntentId: string, idempotencyKey: string): Promise<void>;
  /**
   * The provider's current view of a payment, for reconciliation when a webhook went missing:
   * Stripe's PaymentIntent status, or `missing` when the provider does not know it.
   */
  abstract retrievePayment(
    paymentIntentId: string,
  ): Promise<{ status: string; amountKrw: bigint; currency: string }>;
  abstract refund(input: {
    paymentIntentId: string;
    amountKrw: bigint;
    reason: string;
    idempotencyKey: string;
  }): Promise<{ refundId: string; status: string }>;
  /** Verifies the signature over the raw body first; throws when it does not hold. */
  abstract parseWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent;
}
