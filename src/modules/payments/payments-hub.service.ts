import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { PaymentPort, type PaymentEvent } from './stripe/payment.port.js';
import { PaymentEventRecord } from './payment-event.entity.js';

/** What applying an event did: its outcome in words, and whether it changed anything. */
export interface Applied {
  outcome: string;
  changed: boolean;
}

/** A payment that belongs to a kind: the order (if it is one, for the record) and how to apply. */
export interface Claim {
  orderId?: string | null;
  apply(): Promise<Applied>;
}

/** Something of a kind still waiting for its payment: reconciliation asks Stripe about it. */
export interface Waiting {
  id: string;
  paymentIntentId: string;
  metadata: Record<string, string>;
}

/**
 * A kind of thing paid through Stripe (an order, a project's own share). `claim` finds, under a
 * lock, the thing an event's PaymentIntent pays, or answers undefined when it is not of this kind;
 * its `apply` runs in the event's transaction, once. `waiting` lists what is still unpaid, oldest
 * first, for reconciliation; `unknownToProvider` hears of one whose PaymentIntent Stripe does not
 * know (it can never be paid).
 */
export interface PayableKind {
  claim(m: EntityManager, event: PaymentEvent): Promise<Claim | undefined>;
  waiting?(before: Date): AsyncIterable<Waiting>;
  unknownToProvider?(id: string): Promise<unknown>;
}

/** Kept from when orders ran it: deployments have it scheduled under this name. */
const RECONCILE_JOB = 'orders.reconcile';

/** The event a lost webhook would have carried, for a payment Stripe reports as succeeded. */
function succeededAtProvider(
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
 * Payments as a domain: PaymentIntents started, stopped and refunded (the only user of the
 * PaymentPort besides the webhook's signature check); Stripe's events, verified by the controller,
 * applied exactly once to the kind of thing they pay (orders and processing projects register
 * theirs; neither knows the other); and reconciliation, which asks Stripe about what is still
 * waiting in case its event was lost.
 */
@Injectable()
export class PaymentsHub implements OnModuleInit {
  private readonly logger = new Logger('Payments');
  private readonly kinds: { name: string; kind: PayableKind }[] = [];

  constructor(
    private readonly tx: Transactions,
    private readonly payments: PaymentPort,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.work<{ olderThanSeconds?: number }>(
      RECONCILE_JOB,
      (data) => this.reconcile(data?.olderThanSeconds).then(() => undefined),
      1,
      { pollSeconds: 2 },
    );
    // At start, whatever is still waiting may have lost its webhook while the service was down.
    this.jobs.schedule(RECONCILE_JOB, '* * * * *', { atStart: { olderThanSeconds: 0 } });
  }

  /** Starts a payment at Stripe; `reference` goes into its metadata (orderId, projectId). */
  startPayment(input: Parameters<PaymentPort['createPayment']>[0]) {
    return this.payments.createPayment(input);
  }

  /** Refunds a payment at Stripe (idempotent by its key). */
  refund(input: Parameters<PaymentPort['refund']>[0]) {
    return this.payments.refund(input);
  }

  /**
   * Stops a payment that is no longer wanted: cancelled at Stripe, or already gone there; or, when
   * it succeeded meanwhile, applied now as its event would be (`paid`). `unreachable` when Stripe
   * could not be asked: nothing changed.
   */
  async stopPayment(
    paymentIntentId: string,
    idempotencyKey: string,
    metadata: Record<string, string>,
  ): Promise<'stopped' | 'paid' | 'unreachable'> {
    const cancelled = await this.payments.cancelPayment(paymentIntentId, idempotencyKey).then(
      () => true,
      () => false,
    );
    if (cancelled) return 'stopped';
    const payment = await this.payments.retrievePayment(paymentIntentId).catch(() => undefined);
    if (payment?.status === 'canceled' || payment?.status === 'missing') return 'stopped';
    if (payment?.status === 'succeeded') {
      await this.onPaymentEvent(succeededAtProvider(paymentIntentId, payment, metadata));
      return 'paid';
    }
    return 'unreachable';
  }

  register(name: string, kind: PayableKind): void {
    if (this.kinds.some((k) => k.name === name)) throw new Error(`${name} is registered twice`);
    this.kinds.push({ name, kind });
  }

  /**
   * Applies a verified payment event once: its id is recorded in the same transaction as its
   * effect, so a replay finds it and does nothing. The kind that claims it decides what it does.
   */
  async onPaymentEvent(event: PaymentEvent): Promise<string> {
    return (await this.apply(event)).outcome;
  }

  private apply(event: PaymentEvent): Promise<Applied> {
    return this.tx.run(async (m) => {
      let claim: Claim | undefined;
      for (const { kind } of this.kinds) if ((claim = await kind.claim(m, event))) break;
      if (!(await this.record(m, event, claim?.orderId ?? event.orderId)))
        return { outcome: 'duplicate', changed: false };
      const result = claim
        ? await claim.apply()
        : { outcome: 'ignored: no order for this payment', changed: false };
      await m.update(PaymentEventRecord, { id: event.id }, { outcome: result.outcome });
      if (result.outcome.startsWith('attention'))
        this.logger.warn({ eventId: event.id }, result.outcome);
      return result;
    });
  }

  /** Stores an event; false when it was stored before (a replay). */
  private async record(m: EntityManager, event: PaymentEvent, orderId: string | null) {
    const fresh = await m
      .createQueryBuilder()
      .insert()
      .into(PaymentEventRecord)
      .values({ id: event.id, type: event.type, orderId, outcome: 'received' })
      .orIgnore()
      .returning('id')
      .execute();
    return fresh.raw.length > 0;
  }

  /**
   * Asks the provider about everything still waiting after `olderThanSeconds`: a payment that
   * succeeded while its webhook was lost (a crash, a network cut) is applied now, as its event
   * would have been; the real event, if it comes later, then changes nothing. Something whose
   * PaymentIntent the provider does not know is handed to its kind. Answers how many it applied.
   */
  async reconcile(olderThanSeconds = 60, now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - olderThanSeconds * 1000);
    let applied = 0;
    for (const { name, kind } of this.kinds) {
      if (!kind.waiting) continue;
      for await (const w of kind.waiting(before)) {
        const result = await this.applyIfPaid(w.paymentIntentId, w.metadata);
        if (result === 'missing')
          await kind
            .unknownToProvider?.(w.id)
            .catch((err) =>
              this.logger.warn(
                { err, kind: name, id: w.id },
                'could not close what Stripe does not know',
              ),
            );
        else if (result?.changed) applied++;
      }
    }
    return applied;
  }

  /**
   * Asks Stripe about one payment: when it succeeded, applies it as its lost event would have
   * been; `missing` when Stripe does not know it; undefined otherwise (still open, or Stripe not
   * reachable: the next run asks again).
   */
  private async applyIfPaid(paymentIntentId: string, metadata: Record<string, string>) {
    const payment = await this.payments.retrievePayment(paymentIntentId).catch(() => undefined);
    if (payment?.status === 'missing') return 'missing';
    if (payment?.status !== 'succeeded') return undefined;
    return this.apply(succeededAtProvider(paymentIntentId, payment, metadata));
  }
}
