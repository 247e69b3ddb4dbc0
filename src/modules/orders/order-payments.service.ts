import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { PaymentEvent } from '../payments/index.js';
import type { Claim, Waiting } from '../payments/index.js';
import { Order } from './order.entity.js';
import { OrderBooks } from './order-books.service.js';
import { decideOnEvent } from './payment-decision.js';

/**
 * Orders as a kind of thing paid through Stripe (registered with payments/ by OrdersService):
 * which order an event pays, what the event does to it, and which orders still wait.
 */
@Injectable()
export class OrderPayments {
  /** Orders reconciliation reads at a time. */
  pageSize = 200;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: OrderBooks,
  ) {}

  /**
   * The order an event pays, found by its PaymentIntent only and locked: metadata is the payer's
   * to set, so an event without the order's PaymentIntent never touches it. Under the lock the
   * decision is made on a state nobody else changes; a concurrent copy of the event waits here,
   * then finds the event recorded. An event never moves an order backwards.
   */
  async claim(m: EntityManager, event: PaymentEvent): Promise<Claim | undefined> {
    if (!event.paymentIntentId) return undefined;
    const order = await m.findOne(Order, {
      where: { paymentIntentId: event.paymentIntentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!order) return undefined;
    return {
      orderId: order.id,
      apply: async () => {
        const { effect, outcome } = decideOnEvent(order, event);
        if (effect === 'settle' || effect === 'settle-and-refund')
          await this.books.settle(
            m,
            order,
            effect === 'settle'
              ? `stripe ${event.id}`
              : `stripe ${event.id} (a refund came before its success)`,
          );
        if (effect === 'refund' || effect === 'settle-and-refund')
          await this.books.applyRefund(m, order.id, 'refunded at Stripe');
        if (outcome.startsWith('declined')) await this.books.declined(m, order, event.id);
        return { outcome, changed: effect !== 'none' };
      },
    };
  }

  /**
   * Every order still awaiting payment created before `before`, a page at a time by id (a keyset
   * on created_at would loop: JavaScript dates keep milliseconds, PostgreSQL microseconds).
   */
  async *waiting(before: Date): AsyncIterable<Waiting> {
    const pageSize = this.pageSize;
    for (let after: string | undefined; ;) {
      const page = await this.dataSource
        .getRepository(Order)
        .createQueryBuilder('o')
        .select(['o.id', 'o.paymentIntentId'])
        .where(`o.status = 'AWAITING_PAYMENT' AND o.createdAt < :before`, { before })
        .andWhere('o.paymentIntentId IS NOT NULL')
        .andWhere(after ? 'o.id > :after' : 'true', { after })
        .orderBy('o.id')
        .take(pageSize)
        .getMany();
      for (const o of page)
        yield { id: o.id, paymentIntentId: o.paymentIntentId!, metadata: { orderId: o.id } };
      if (page.length < pageSize) return;
      after = page[page.length - 1].id;
    }
  }
}
