import { won } from '../../platform/money/won.js';
import { amountMismatch } from '../payments/index.js';
import type { OrderStatus } from './order.entity.js';

/** What a payment event does to its order: nothing, pay it, refund it, or both (in that order). */
export type EventEffect = 'none' | 'settle' | 'refund' | 'settle-and-refund';

/**
 * What one Stripe event does to an order in a given state. An event that would pay or refund
 * must carry the order's own amount in KRW (its PaymentIntent was matched already); anything
 * else is for the operator's attention and changes nothing. Events may come in any order (Stripe
 * does not keep it), so each is read for the state it implies, and nothing moves an order back:
 * - a success pays an order awaiting payment; after a cancel it needs the operator's attention;
 * - a decline leaves the order awaiting payment: the buyer may pay again with another card until
 *   the order expires (the PaymentIntent stays open at Stripe);
 * - a full refund refunds a paid order; one that comes before its success pays and refunds;
 * - a partial refund made at Stripe (its dashboard) changes nothing here: the operator settles it;
 * - anything else (payment_intent.canceled among them: the order then expires by itself).
 */
export function decideOnEvent(
  order: { status: OrderStatus; buyerKrw: bigint },
  event: {
    type: string;
    amountKrw: bigint | null;
    currency: string | null;
    amountRefundedKrw: bigint | null;
  },
): { effect: EventEffect; outcome: string } {
  const awaiting = order.status === 'AWAITING_PAYMENT';
  const moves = event.type === 'payment_intent.succeeded' || event.type === 'charge.refunded';
  const mismatch = moves ? amountMismatch(event, order.buyerKrw) : undefined;
  if (mismatch) return { effect: 'none', outcome: `attention: ${mismatch}; nothing changed` };
  switch (event.type) {
    case 'payment_intent.succeeded':
      if (awaiting) return { effect: 'settle', outcome: 'paid' };
      return {
        effect: 'none',
        outcome:
          order.status === 'PAID' || order.status === 'REFUNDED'
            ? `ignored: already ${order.status.toLowerCase()}`
            : `attention: paid after the order was ${order.status}`,
      };
    case 'payment_intent.payment_failed':
      return {
        effect: 'none',
        outcome: awaiting
          ? 'declined: the order stays payable until it expires'
          : `ignored: order is ${order.status}`,
      };
    case 'charge.refunded':
      if (event.amountRefundedKrw !== null && event.amountRefundedKrw < order.buyerKrw)
        return {
          effect: 'none',
          outcome: `attention: ${won(event.amountRefundedKrw)} of ${won(order.buyerKrw)} refunded at Stripe; the order is unchanged`,
        };
      if (awaiting) return { effect: 'settle-and-refund', outcome: 'refunded' };
      if (order.status === 'PAID') return { effect: 'refund', outcome: 'refunded' };
      return {
        effect: 'none',
        outcome:
          order.status === 'REFUNDED' ? 'already refunded' : `ignored: order is ${order.status}`,
      };
    default:
      return { effect: 'none', outcome: `ignored: ${event.type}` };
  }
}
