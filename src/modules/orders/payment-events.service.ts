import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { PaymentPort, type PaymentEvent } from '../../platform/payments/payment.port.js';
import { Order } from './order.entity.js';
import { OrderBooks } from './order-books.service.js';
import { decideOnEvent } from './payment-decision.js';
import { PaymentEventRecord } from './payment-event.entity.js';

/** Another module's payments (an own share of a processing project): applied inside the event's transaction. */
export type PaymentHandler = (m: EntityManager, event: PaymentEvent) => Promise<string | undefined>;

/** That module's payments still waiting for their success, for reconciliation to ask Stripe about. */
export type PendingPayments = () => Promise<
  { paymentIntentId: string; metadata: Record<string, string> }[]
>;

export const RECONCILE_JOB = 'orders.reconcile';

/** The event a lost webhook would have carried, for a payment Stripe reports as succeeded. */
export function succeededAtProvider(
  paymentIntentId: string,
  payment: { amountKrw: bigint; currency: string },
  metadata: Record<string, string>,
): PaymentEvent {
  return {
    id: `reconcile:${paymentIntentId}`,
    type: 'payment_intent.succeeded',
    paymentIntentId,
    orderId: metadata.orderId ?? null,
    metadata,
    amountKrw: payment.amountKrw,
    currency: payment.currency,
    amountRefundedKrw: null,
  };
}

/**
 * Stripe's events, verified by the controller, applied here exactly once; and reconciliation,
 * which asks Stripe about orders whose events may have been lost.
 */
@Injectable()
export class PaymentEventsService implements OnModuleInit {
  private readonly logger = new Logger('PaymentEvents');
  private readonly handlers: PaymentHandler[] = [];
  private readonly pendingSources: PendingPayments[] = [];
  private unknownToProvider: (orderId: string) => Promise<unknown> = async () => undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly books: OrderBooks,
    private readonly payments: PaymentPort,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.work<{ olderThanSeconds?: number }>(RECONCILE_JOB, (data) =>
      this.reconcile(data?.olderThanSeconds).then(() => undefined),
    );
    // At start every order still waiting may have lost its webhook while the service was down.
    this.jobs.schedule(RECONCILE_JOB, '* * * * *', { atStart: { olderThanSeconds: 0 } });
  }

  /**
   * What reconciliation does with an order whose PaymentIntent the provider does not know (the
   * local emulator restarted, the Stripe account changed): it can never be paid. Checkout closes it.
   */
  onUnknownToProvider(close: (orderId: string) => Promise<unknown>): void {
    this.unknownToProvider = close;
  }

  /**
   * Payments that are not orders are offered to these, in order, until one claims the event.
   * With `pending`, reconciliation also asks Stripe about them, so a lost webhook is made good.
   */
  onOtherPayments(handler: PaymentHandler, pending?: PendingPayments): void {
    this.handlers.push(handler);
    if (pending) this.pendingSources.push(pending);
  }

  /**
   * Applies a verified payment event once: its id is recorded in the same transaction as its
   * effect, so a replay finds it and does nothing. An event never moves an order backwards.
   */
  async onPaymentEvent(event: PaymentEvent): Promise<string> {
    return this.tx.run(async (m) => {
      // The order, found by its PaymentIntent only, locked: metadata is the payer's to set, so an
      // event without the order's PaymentIntent never touches it.
      const order = event.paymentIntentId
        ? await m.findOne(Order, {
            where: { paymentIntentId: event.paymentIntentId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!order) return this.onOtherEvent(m, event);
      // Under the order's lock: the decision is made on a state nobody else changes, and a
      // concurrent copy of the event waits here, then finds the event recorded.
      const { effect, outcome } = decideOnEvent(order, event);
      if (!(await this.recordEvent(m, event, order.id, outcome))) return 'duplicate';
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
      if (outcome.startsWith('attention'))
        this.logger.warn({ eventId: event.id, orderId: order.id }, outcome);
      return outcome;
    });
  }

  /** Stores an event with its outcome; false when it was stored before (a replay). */
  private async recordEvent(
    m: EntityManager,
    event: PaymentEvent,
    orderId: string | null,
    outcome: string,
  ): Promise<boolean> {
    const fresh = await m
      .createQueryBuilder()
      .insert()
      .into(PaymentEventRecord)
      .values({ id: event.id, type: event.type, orderId, outcome })
      .orIgnore()
      .returning('id')
      .execute();
    return fresh.raw.length > 0;
  }

  /** A payment that is not an order's: offered to the registered handlers, once. */
  private async onOtherEvent(m: EntityManager, event: PaymentEvent): Promise<string> {
    if (!(await this.recordEvent(m, event, event.orderId, 'received'))) return 'duplicate';
    let outcome = 'ignored: no order for this payment';
    for (const handler of this.handlers) {
      const handled = await handler(m, event);
      if (handled) {
        outcome = handled;
        break;
      }
    }
    await m.update(PaymentEventRecord, { id: event.id }, { outcome });
    return outcome;
  }

  /**
   * Asks the provider about orders still awaiting payment after `olderThanSeconds`: a payment that
   * succeeded while its webhook was lost (a crash, a network cut) is applied now, as its event would
   * have been; the real event, if it comes later, then finds the order paid and changes nothing.
   * An order whose PaymentIntent the provider does not know is handed to `onUnknownToProvider`.
   * Other modules' pending payments are asked about too. Answers how many events it applied.
   */
  async reconcile(olderThanSeconds = 60, now = new Date(), pageSize = 200): Promise<number> {
    const before = new Date(now.getTime() - olderThanSeconds * 1000);
    let applied = 0;
    // Every waiting order, a page at a time, by id (a keyset on created_at would loop: JavaScript
    // dates keep milliseconds, PostgreSQL keeps microseconds).
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
      for (const o of page) {
        const outcome = await this.applyIfPaid(o.paymentIntentId!, { orderId: o.id });
        if (outcome === 'missing')
          await this.unknownToProvider(o.id).catch((err) =>
            this.logger.warn({ err, orderId: o.id }, 'could not close an order unknown to Stripe'),
          );
        if (outcome === 'paid') applied++;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1].id;
    }
    // Other modules' payments (few: one own share a project), each asked about once.
    for (const pending of this.pendingSources)
      for (const p of await pending()) {
        const outcome = await this.applyIfPaid(p.paymentIntentId, p.metadata);
        if (outcome && outcome !== 'missing' && outcome !== 'duplicate') applied++;
      }
    return applied;
  }

  /**
   * Asks Stripe about one payment: when it succeeded, applies it as its lost event would have
   * been and answers the outcome; `missing` when Stripe does not know it; undefined otherwise
   * (still open, or Stripe not reachable: the next run asks again).
   */
  private async applyIfPaid(paymentIntentId: string, metadata: Record<string, string>) {
    const payment = await this.payments.retrievePayment(paymentIntentId).catch(() => undefined);
    if (payment?.status === 'missing') return 'missing';
    if (payment?.status !== 'succeeded') return undefined;
    return this.onPaymentEvent(succeededAtProvider(paymentIntentId, payment, metadata));
  }
}
