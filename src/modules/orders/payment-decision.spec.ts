import type { OrderStatus } from './order.entity.js';
import { decideOnEvent } from './payment-decision.js';

const at = (status: OrderStatus) => ({ status, buyerKrw: 600_000n });
const event = (
  type: string,
  amountRefundedKrw: bigint | null = null,
  amount: { amountKrw: bigint | null; currency: string | null } = {
    amountKrw: 600_000n,
    currency: 'krw',
  },
) => ({ type, amountRefundedKrw, ...amount });

describe('decideOnEvent', () => {
  it('a success pays an order awaiting payment, and only that', () => {
    expect(decideOnEvent(at('AWAITING_PAYMENT'), event('payment_intent.succeeded'))).toEqual({
      effect: 'settle',
      outcome: 'paid',
    });
    expect(decideOnEvent(at('PAID'), event('payment_intent.succeeded')).effect).toBe('none');
    expect(decideOnEvent(at('REFUNDED'), event('payment_intent.succeeded')).outcome).toBe(
      'ignored: already refunded',
    );
    expect(decideOnEvent(at('CANCELLED'), event('payment_intent.succeeded'))).toEqual({
      effect: 'none',
      outcome: 'attention: paid after the order was CANCELLED',
    });
  });

  it('a decline never ends an order: the buyer may pay again', () => {
    for (const status of ['AWAITING_PAYMENT', 'PAID'] as const)
      expect(decideOnEvent(at(status), event('payment_intent.payment_failed')).effect).toBe('none');
  });

  it('a full refund refunds; before its success it pays and refunds; a partial one changes nothing', () => {
    expect(decideOnEvent(at('PAID'), event('charge.refunded', 600_000n)).effect).toBe('refund');
    expect(decideOnEvent(at('AWAITING_PAYMENT'), event('charge.refunded', 600_000n)).effect).toBe(
      'settle-and-refund',
    );
    expect(decideOnEvent(at('PAID'), event('charge.refunded', 100_000n))).toEqual({
      effect: 'none',
      outcome: 'attention: 100,000 KRW of 600,000 KRW refunded at Stripe; the order is unchanged',
    });
    expect(decideOnEvent(at('REFUNDED'), event('charge.refunded', 600_000n)).effect).toBe('none');
    expect(decideOnEvent(at('CANCELLED'), event('charge.refunded', 600_000n)).effect).toBe('none');
  });

  it('ignores what it does not act on', () => {
    expect(decideOnEvent(at('AWAITING_PAYMENT'), event('payment_intent.canceled'))).toEqual({
      effect: 'none',
      outcome: 'ignored: payment_intent.canceled',
    });
  });

  it("an event that would pay or refund must be for the order's own amount in KRW", () => {
    for (const amount of [
      { amountKrw: 1n, currency: 'usd' },
      { amountKrw: 600_000n, currency: 'usd' },
      { amountKrw: 1n, currency: 'krw' },
      { amountKrw: null, currency: null },
    ]) {
      const paid = decideOnEvent(
        at('AWAITING_PAYMENT'),
        event('payment_intent.succeeded', null, amount),
      );
      expect(paid.effect).toBe('none');
      expect(paid.outcome).toMatch(/^attention: /);
      expect(decideOnEvent(at('PAID'), event('charge.refunded', 600_000n, amount)).effect).toBe(
        'none',
      );
    }
  });
});
