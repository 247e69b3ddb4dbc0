import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AuditService } from '../audit/index.js';
import { RelatedParties } from '../organizations/index.js';
import { Order } from './order.entity.js';
import { OrderQueries } from './order-queries.service.js';
import { OrderBooks } from './order-books.service.js';
import { PaymentsHub } from '../payments/index.js';
import { OrderPayments } from './order-payments.service.js';

export const EXPIRE_ORDERS_JOB = 'orders.expire';

/**
 * An order after checkout: cancelled by the buyer, refunded by an operator, closed when unpaid in
 * time or unknown to Stripe. Stripe's events reach orders through payments/ (PaymentsHub), to
 * which OrderPayments tells what an event does to an order; the money movements are OrderBooks'.
 */
@Injectable()
export class OrdersService implements OnModuleInit {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly queries: OrderQueries,
    private readonly tx: Transactions,
    private readonly books: OrderBooks,
    private readonly hub: PaymentsHub,
    private readonly orderPayments: OrderPayments,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
    private readonly jobs: JobQueue,
    private readonly related: RelatedParties,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(
      'order',
      async (id) =>
        (
          await this.tx.manager
            .getRepository(Order)
            .findOne({ where: { id }, select: { buyerOrganizationId: true } })
        )?.buyerOrganizationId,
    );
    // Also at start: after a crash or a deploy, reservations that ran out while the service was
    // down are released at once, not at the next tick.
    this.jobs.work(EXPIRE_ORDERS_JOB, () => this.expireUnpaid().then(() => undefined), 1, {
      pollSeconds: 2,
    });
    this.jobs.schedule(EXPIRE_ORDERS_JOB, '* * * * *', { atStart: {} });
    this.hub.register('order', {
      claim: (m, event) => this.orderPayments.claim(m, event),
      waiting: (before) => this.orderPayments.waiting(before),
      // Unpayable at once: no need to hold the voucher money until the order expires.
      unknownToProvider: (orderId) => this.close(orderId, 'its PaymentIntent is unknown to Stripe'),
    });
  }

  /**
   * Cancels an unpaid order and gives the voucher back what it held. Its PaymentIntent is
   * cancelled at Stripe first, so the buyer cannot pay once the reservation is gone; when Stripe
   * answers that the payment has just succeeded, the order is paid instead and the close refused.
   */
  async close(orderId: string, reason: string, cause: 'buyer' | 'expired' = 'buyer') {
    const current = await this.tx.manager.getRepository(Order).findOneBy({ id: orderId });
    if (current?.status === 'AWAITING_PAYMENT' && current.paymentIntentId)
      await this.stopPayment(current);
    await this.tx.run(async (m) => {
      const order = await m.findOne(Order, {
        where: { id: orderId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!order) throw notFound('Order', orderId);
      if (order.status !== 'AWAITING_PAYMENT')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Order ${orderId} is ${order.status}; only an order awaiting payment can be cancelled.`,
        );
      await this.books.cancelled(m, order, cause, reason);
      await m.update(
        Order,
        { id: orderId },
        { status: 'CANCELLED', closedAt: new Date(), closeReason: reason, expiresAt: null },
      );
      await this.audit.record(m, {
        action: 'order.cancelled',
        entityType: 'order',
        entityId: orderId,
        organizationId: order.buyerOrganizationId,
        details: { reason },
      });
    });
  }

  /** Cancels the order's PaymentIntent, or applies its payment if it has succeeded meanwhile. */
  private async stopPayment(order: Order): Promise<void> {
    const stopped = await this.hub.stopPayment(order.paymentIntentId!, `cancel-${order.id}`, {
      orderId: order.id,
    });
    if (stopped === 'paid')
      throw new DomainError(
        'INVALID_TRANSITION',
        `Order ${order.id} has just been paid, so it can no longer be cancelled; ask for a refund instead.`,
      );
    if (stopped === 'unreachable')
      throw new DomainError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        `The card payment of order ${order.id} could not be stopped at Stripe; nothing changed. Try again in a moment.`,
      );
  }

  async cancel(orderId: string) {
    await this.close(orderId, 'cancelled by the buyer');
    return this.queries.get(orderId);
  }

  /** Refunds a paid order: the buyer's share through Stripe, the voucher part back to the voucher, the entitlement revoked. */
  async refund(orderId: string, reason: string, operator: Principal) {
    const order = await this.tx.manager.getRepository(Order).findOneBy({ id: orderId });
    if (!order) throw notFound('Order', orderId);
    await this.related.assertNoStaffConflict(
      this.tx.manager,
      operator.id,
      [order.buyerOrganizationId, order.sellerOrganizationId],
      'refund',
    );
    if (order.status === 'REFUNDED') return this.queries.get(orderId);
    if (order.status !== 'PAID')
      throw new DomainError(
        'INVALID_TRANSITION',
        `Order ${orderId} is ${order.status}; only a paid order can be refunded.`,
      );
    if (order.buyerKrw > 0n) {
      try {
        await this.hub.refund({
          paymentIntentId: order.paymentIntentId!,
          amountKrw: order.buyerKrw,
          reason,
          idempotencyKey: `refund-${order.id}`,
        });
      } catch (err) {
        this.logger.error({ err, orderId }, 'refund failed at the provider');
        throw new DomainError(
          'PAYMENT_PROVIDER_UNAVAILABLE',
          'The card refund could not be made; nothing changed. Try again in a moment.',
        );
      }
    }
    await this.tx.run((m) => this.books.applyRefund(m, orderId, reason));
    return this.queries.get(orderId);
  }

  /** Cancels orders left unpaid past their time and releases what their vouchers held. */
  async expireUnpaid(now = new Date()): Promise<number> {
    const due = await this.tx.manager.getRepository(Order).find({
      where: { status: 'AWAITING_PAYMENT', expiresAt: LessThan(now) },
      select: { id: true },
    });
    let closed = 0;
    for (const { id } of due)
      await this.close(id, 'not paid in time', 'expired').then(
        () => closed++,
        () => undefined, // paid or cancelled meanwhile
      );
    return closed;
  }
}
