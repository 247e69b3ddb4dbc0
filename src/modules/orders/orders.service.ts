import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, LessThan } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { requestContext } from '../../platform/context/request-context.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { PaymentPort, type PaymentEvent } from '../../platform/payments/payment.port.js';
import { related } from '../applications/evaluation-rules.js';
import { AuditService } from '../audit/audit.service.js';
import { Product } from '../catalog/product.entity.js';
import { LedgerService, type Posting } from '../ledger/ledger.service.js';
import { Organization } from '../organizations/organization.entity.js';
import { Voucher } from '../vouchers/voucher.entity.js';
import { VouchersService } from '../vouchers/vouchers.service.js';
import type { CreateOrderDto, QuoteDto } from './dto/order.dto.js';
import { Entitlement } from './entitlement.entity.js';
import { Order } from './order.entity.js';
import { decideOnEvent } from './payment-decision.js';
import { PaymentEventRecord } from './payment-event.entity.js';
import { splitPrice, vatSplit } from './split.js';
import { won } from '../../platform/money/won.js';

/** Another module's payments (an own share of a processing project): applied inside the event's transaction. */
export type PaymentHandler = (m: EntityManager, event: PaymentEvent) => Promise<string | undefined>;

export const EXPIRE_ORDERS_JOB = 'orders.expire';
export const RECONCILE_JOB = 'orders.reconcile';

/** Checkout: quotes, orders with voucher reservations, Stripe payments and their events, refunds. */
@Injectable()
export class OrdersService implements OnModuleInit {
  private readonly logger = new Logger('Orders');
  private readonly handlers: PaymentHandler[] = [];

  /** Payments that are not orders are offered to these, in order, until one claims the event. */
  onOtherPayments(handler: PaymentHandler): void {
    this.handlers.push(handler);
  }

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly vouchers: VouchersService,
    private readonly ledger: LedgerService,
    private readonly payments: PaymentPort,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(
      'order',
      async (id) =>
        (
          await this.dataSource
            .getRepository(Order)
            .findOne({ where: { id }, select: { buyerOrganizationId: true } })
        )?.buyerOrganizationId,
    );
    // Both also run at start: after a crash or a deploy, payments made while the service was down
    // are applied and overdue reservations released at once, not at the next tick.
    this.jobs.work(EXPIRE_ORDERS_JOB, () => this.expireUnpaid().then(() => undefined));
    this.jobs.schedule(EXPIRE_ORDERS_JOB, '* * * * *', { atStart: {} });
    this.jobs.work<{ olderThanSeconds?: number }>(RECONCILE_JOB, (data) =>
      this.reconcile(data?.olderThanSeconds).then(() => undefined),
    );
    // At start every order still waiting may have lost its webhook while the service was down.
    this.jobs.schedule(RECONCILE_JOB, '* * * * *', { atStart: { olderThanSeconds: 0 } });
  }

  /** The product a buyer may order, or a refusal: unlisted, one's own, or a related seller. */
  private async purchasable(m: EntityManager, productId: string, buyerOrganizationId: string) {
    const product = await m.findOne(Product, { where: { id: productId } });
    if (!product || product.status !== 'LISTED')
      throw new DomainError(
        'NOT_PURCHASABLE',
        `Product ${productId} is not listed; only listed products can be bought.`,
      );
    if (product.organizationId === buyerOrganizationId)
      throw new DomainError('NOT_PURCHASABLE', 'An organization cannot buy its own product.');
    const parties = await m.findBy(Organization, {
      id: In([buyerOrganizationId, product.organizationId]),
    });
    const buyer = parties.find((o) => o.id === buyerOrganizationId);
    const seller = parties.find((o) => o.id === product.organizationId)!;
    if (!buyer) throw notFound('Organization', buyerOrganizationId);
    if (related(buyer, seller))
      throw new DomainError(
        'RELATED_PARTIES',
        `${buyer.name} and the seller ${seller.name} are related (same registration number or representative); such orders are refused.`,
      );
    return product;
  }

  async quote(dto: QuoteDto, user: Principal) {
    const m = this.dataSource.manager;
    let buyer = dto.organizationId;
    let voucher: Voucher | null = null;
    if (dto.voucherId) {
      voucher = await m.findOne(Voucher, { where: { id: dto.voucherId } });
      if (!voucher || !user.roleIn(voucher.organizationId))
        throw notFound('Voucher', dto.voucherId, '바우처를 찾을 수 없습니다.');
      buyer ??= voucher.organizationId;
      if (buyer !== voucher.organizationId)
        throw new DomainError(
          'VALIDATION_FAILED',
          'The voucher belongs to another organization than the buyer.',
        );
    }
    if (!buyer)
      throw new DomainError(
        'VALIDATION_FAILED',
        'Name the buying organization (organizationId) or a voucher.',
      );
    if (!user.roleIn(buyer)) throw notFound('Organization', buyer);
    const product = await this.purchasable(m, dto.productId, buyer);
    const balance = voucher ? (await this.vouchers.balances(m, voucher.id)).availableKrw : 0n;
    const split = voucher
      ? splitPrice(product.priceKrw, voucher.rateBp, balance)
      : { voucherKrw: 0n, buyerKrw: product.priceKrw };
    return {
      productId: product.id,
      priceKrw: product.priceKrw,
      voucherId: voucher?.id ?? null,
      rateBp: voucher?.rateBp ?? null,
      voucherBalanceKrw: voucher ? balance : null,
      ...split,
      ...vatSplit(product.priceKrw),
    };
  }

  /**
   * Creates an order: in one transaction the voucher row is locked and its part reserved. With
   * nothing left to pay the order is paid at once; otherwise Stripe gets a PaymentIntent for the
   * buyer's share. The same Idempotency-Key answers the same order.
   */
  async create(dto: CreateOrderDto, idempotencyKey: string | undefined) {
    if (idempotencyKey) {
      const existing = await this.dataSource
        .getRepository(Order)
        .findOne({ where: { buyerOrganizationId: dto.organizationId, idempotencyKey } });
      if (existing) return this.resume(existing);
    }
    let order: Order;
    try {
      order = await this.tx.run(async (m) => {
        const product = await this.purchasable(m, dto.productId, dto.organizationId);
        let split = { voucherKrw: 0n, buyerKrw: product.priceKrw };
        let voucher: Voucher | null = null;
        if (dto.voucherId) {
          voucher = await this.vouchers.lockForOrder(m, dto.voucherId, dto.organizationId);
          const { availableKrw } = await this.vouchers.balances(m, voucher.id);
          split = splitPrice(product.priceKrw, voucher.rateBp, availableKrw);
          if (split.voucherKrw === 0n)
            throw new DomainError(
              'VOUCHER_EXHAUSTED',
              `Voucher ${voucher.id} has ${won(availableKrw)} left; order without it or with another voucher.`,
            );
        }
        const paidNow = split.buyerKrw === 0n;
        const created = await m.save(
          m.create(Order, {
            buyerOrganizationId: dto.organizationId,
            sellerOrganizationId: product.organizationId,
            productId: product.id,
            versionId: product.versionId,
            productTitle: product.title,
            licenceCode: product.licenceCode,
            priceKrw: product.priceKrw,
            voucherId: voucher?.id ?? null,
            ...split,
            ...vatSplit(product.priceKrw),
            status: paidNow ? 'PAID' : 'AWAITING_PAYMENT',
            idempotencyKey: idempotencyKey ?? null,
            expiresAt: paidNow
              ? null
              : new Date(Date.now() + this.config.orders.paymentTimeoutMinutes * 60_000),
            createdBy: requestContext.current()!.userId!,
          }),
        );
        if (voucher && split.voucherKrw > 0n)
          await this.ledger.transfer(
            m,
            { kind: 'VOUCHER_RESERVED', referenceType: 'order', referenceId: created.id },
            {
              account: 'VOUCHER_AVAILABLE',
              programId: voucher.programId,
              organizationId: voucher.organizationId,
              voucherId: voucher.id,
            },
            {
              account: 'VOUCHER_RESERVED',
              programId: voucher.programId,
              organizationId: voucher.organizationId,
              voucherId: voucher.id,
            },
            split.voucherKrw,
          );
        await this.audit.record(m, {
          action: 'order.created',
          entityType: 'order',
          entityId: created.id,
          organizationId: created.buyerOrganizationId,
          details: {
            productId: product.id,
            priceKrw: product.priceKrw.toString(),
            voucherKrw: split.voucherKrw.toString(),
            buyerKrw: split.buyerKrw.toString(),
          },
        });
        if (paidNow) await this.settle(m, created, voucher, 'paid entirely by the voucher');
        return created;
      });
    } catch (err) {
      if (idempotencyKey && isUniqueViolation(err, 'UQ_orders_idempotency')) {
        const existing = await this.dataSource
          .getRepository(Order)
          .findOneByOrFail({ buyerOrganizationId: dto.organizationId, idempotencyKey });
        return this.resume(existing);
      }
      throw err;
    }
    if (order.status === 'AWAITING_PAYMENT') return this.view(await this.startPayment(order));
    return this.view(await this.dataSource.getRepository(Order).findOneByOrFail({ id: order.id }));
  }

  /**
   * A retry of an order already made. When the first attempt was cut off between reserving the
   * voucher and starting the payment (a crash, a timeout), the payment is started now; Stripe's
   * idempotency key gives back the same PaymentIntent if the first attempt had created it.
   */
  private async resume(order: Order) {
    if (order.status !== 'AWAITING_PAYMENT' || order.paymentIntentId) return this.view(order);
    return this.view(await this.startPayment(order));
  }

  /** Creates the order's PaymentIntent and records it: the order as it now is. */
  private async startPayment(order: Order): Promise<Order> {
    try {
      const payment = await this.payments.createPayment({
        reference: { orderId: order.id },
        amountKrw: order.buyerKrw,
        description: order.productTitle,
        idempotencyKey: `order-${order.id}`,
      });
      const recorded = {
        paymentIntentId: payment.paymentIntentId,
        clientSecret: payment.clientSecret,
      };
      await this.dataSource.getRepository(Order).update({ id: order.id }, recorded);
      // The row as written, without reading it back (updated_at is the server's clock, this is ours).
      return Object.assign(order, recorded, { updatedAt: new Date() });
    } catch (err) {
      this.logger.error({ err, orderId: order.id }, 'could not start the payment');
      await this.close(order.id, 'the payment provider could not be reached');
      throw new DomainError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'The card payment could not be started; nothing was reserved. Try again in a moment.',
      );
    }
  }

  /** Marks an order paid: the voucher part is spent, the seller is owed the price, the buyer is entitled. */
  private async settle(m: EntityManager, order: Order, voucher: Voucher | null, how: string) {
    const postings: Posting[] = [
      {
        account: 'SELLER_PAYABLE',
        amountKrw: -order.priceKrw,
        organizationId: order.sellerOrganizationId,
      },
    ];
    if (voucher && order.voucherKrw > 0n) {
      const dims = {
        programId: voucher.programId,
        organizationId: voucher.organizationId,
        voucherId: voucher.id,
      };
      postings.push(
        { account: 'VOUCHER_RESERVED', amountKrw: -order.voucherKrw, ...dims },
        { account: 'PROGRAM_SPENT', amountKrw: order.voucherKrw, ...dims },
        {
          account: 'SUBSIDY_RECEIVABLE',
          amountKrw: order.voucherKrw,
          programId: voucher.programId,
        },
      );
    }
    if (order.buyerKrw > 0n)
      postings.push({
        account: 'STRIPE_CLEARING',
        amountKrw: order.buyerKrw,
        organizationId: order.buyerOrganizationId,
      });
    await this.ledger.post(
      m,
      { kind: 'ORDER_PAID', referenceType: 'order', referenceId: order.id, memo: how },
      postings,
    );
    const paidAt = new Date();
    await m.update(Order, { id: order.id }, { status: 'PAID', paidAt, expiresAt: null });
    const [terms]: { termMonths: number; versionId: string; version: number }[] = await m.query(
      `SELECT l.term_months AS "termMonths", p.version_id AS "versionId", p.version
         FROM products p JOIN licences l ON l.code = $2 WHERE p.id = $1`,
      [order.productId, order.licenceCode],
    );
    const validUntil = new Date(paidAt);
    validUntil.setUTCMonth(validUntil.getUTCMonth() + terms.termMonths);
    await m.insert(Entitlement, {
      orderId: order.id,
      organizationId: order.buyerOrganizationId,
      productId: order.productId,
      versionId: order.versionId,
      version: terms.versionId === order.versionId ? terms.version : 1,
      validUntil,
    });
    await this.audit.record(m, {
      action: 'order.paid',
      entityType: 'order',
      entityId: order.id,
      organizationId: order.buyerOrganizationId,
      details: { how },
    });
  }

  /**
   * Cancels an unpaid order and gives the voucher back what it held. Its PaymentIntent is
   * cancelled at Stripe first, so the buyer cannot pay once the reservation is gone; when Stripe
   * answers that the payment has just succeeded, the order is paid instead and the close refused.
   */
  private async close(orderId: string, reason: string) {
    const current = await this.dataSource.getRepository(Order).findOneBy({ id: orderId });
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
      await this.releaseReservation(m, order);
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
    const intent = order.paymentIntentId!;
    const cancelled = await this.payments.cancelPayment(intent, `cancel-${order.id}`).then(
      () => true,
      () => false,
    );
    if (cancelled) return;
    const payment = await this.payments.retrievePayment(intent).catch(() => undefined);
    if (payment?.status === 'canceled' || payment?.status === 'missing') return;
    if (payment?.status === 'succeeded') {
      await this.onPaymentEvent(this.succeededAtProvider(order.id, intent, payment.amountKrw));
      throw new DomainError(
        'INVALID_TRANSITION',
        `Order ${order.id} has just been paid, so it can no longer be cancelled; ask for a refund instead.`,
      );
    }
    throw new DomainError(
      'PAYMENT_PROVIDER_UNAVAILABLE',
      `The card payment of order ${order.id} could not be stopped at Stripe; nothing changed. Try again in a moment.`,
    );
  }

  /** The event a lost webhook would have carried, for a payment Stripe reports as succeeded. */
  private succeededAtProvider(orderId: string, paymentIntentId: string, amountKrw: bigint) {
    return {
      id: `reconcile:${paymentIntentId}`,
      type: 'payment_intent.succeeded',
      paymentIntentId,
      orderId,
      metadata: { orderId },
      amountKrw,
      amountRefundedKrw: null,
    } satisfies PaymentEvent;
  }

  private async releaseReservation(m: EntityManager, order: Order) {
    if (!order.voucherId || order.voucherKrw === 0n) return;
    const voucher = await m.findOne(Voucher, {
      where: { id: order.voucherId },
      lock: { mode: 'pessimistic_write' },
    });
    const dims = {
      programId: voucher!.programId,
      organizationId: voucher!.organizationId,
      voucherId: voucher!.id,
    };
    // An expired voucher's money goes back to the program's budget, not to the voucher.
    const back =
      voucher!.status === 'ACTIVE'
        ? { account: 'VOUCHER_AVAILABLE' as const, ...dims }
        : { account: 'PROGRAM_AVAILABLE' as const, programId: voucher!.programId };
    await this.ledger.transfer(
      m,
      {
        kind: voucher!.status === 'ACTIVE' ? 'VOUCHER_RESERVATION_RELEASED' : 'BUDGET_RELEASED',
        referenceType: 'order',
        referenceId: order.id,
      },
      { account: 'VOUCHER_RESERVED', ...dims },
      back,
      order.voucherKrw,
    );
  }

  async cancel(orderId: string) {
    await this.close(orderId, 'cancelled by the buyer');
    return this.get(orderId);
  }

  /** Refunds a paid order: the buyer's share through Stripe, the voucher part back to the voucher, the entitlement revoked. */
  async refund(orderId: string, reason: string) {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id: orderId });
    if (!order) throw notFound('Order', orderId);
    if (order.status === 'REFUNDED') return this.get(orderId);
    if (order.status !== 'PAID')
      throw new DomainError(
        'INVALID_TRANSITION',
        `Order ${orderId} is ${order.status}; only a paid order can be refunded.`,
      );
    if (order.buyerKrw > 0n) {
      try {
        await this.payments.refund({
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
    await this.tx.run((m) => this.applyRefund(m, orderId, reason));
    return this.get(orderId);
  }

  private async applyRefund(m: EntityManager, orderId: string, reason: string): Promise<string> {
    const order = await m.findOne(Order, {
      where: { id: orderId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!order || order.status === 'REFUNDED') return 'already refunded';
    if (order.status !== 'PAID') return `ignored: order is ${order.status}`;
    const postings: Posting[] = [
      {
        account: 'SELLER_PAYABLE',
        amountKrw: order.priceKrw,
        organizationId: order.sellerOrganizationId,
      },
    ];
    if (order.voucherId && order.voucherKrw > 0n) {
      const voucher = await m.findOne(Voucher, {
        where: { id: order.voucherId },
        lock: { mode: 'pessimistic_write' },
      });
      const dims = {
        programId: voucher!.programId,
        organizationId: voucher!.organizationId,
        voucherId: voucher!.id,
      };
      postings.push(
        { account: 'PROGRAM_SPENT', amountKrw: -order.voucherKrw, ...dims },
        voucher!.status === 'ACTIVE'
          ? { account: 'VOUCHER_AVAILABLE', amountKrw: order.voucherKrw, ...dims }
          : {
              account: 'PROGRAM_AVAILABLE',
              amountKrw: order.voucherKrw,
              programId: voucher!.programId,
            },
        {
          account: 'SUBSIDY_RECEIVABLE',
          amountKrw: -order.voucherKrw,
          programId: voucher!.programId,
        },
      );
    }
    if (order.buyerKrw > 0n)
      postings.push({
        account: 'STRIPE_CLEARING',
        amountKrw: -order.buyerKrw,
        organizationId: order.buyerOrganizationId,
      });
    await this.ledger.post(
      m,
      { kind: 'ORDER_REFUNDED', referenceType: 'order', referenceId: order.id, memo: reason },
      postings,
    );
    await m.update(
      Order,
      { id: order.id },
      { status: 'REFUNDED', closedAt: new Date(), closeReason: reason },
    );
    await m.update(Entitlement, { orderId: order.id }, { revokedAt: new Date() });
    await this.audit.record(m, {
      action: 'order.refunded',
      entityType: 'order',
      entityId: order.id,
      organizationId: order.buyerOrganizationId,
      details: { reason },
    });
    return 'refunded';
  }

  /**
   * Applies a verified payment event once: its id is recorded in the same transaction as its
   * effect, so a replay finds it and does nothing. An event never moves an order backwards.
   */
  async onPaymentEvent(event: PaymentEvent): Promise<string> {
    return this.tx.run(async (m) => {
      // The order, found by its PaymentIntent or else by its id, locked.
      const where = event.paymentIntentId
        ? { paymentIntentId: event.paymentIntentId }
        : event.orderId
          ? { id: event.orderId }
          : undefined;
      const order = where
        ? await m.findOne(Order, { where, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!order) return this.onOtherEvent(m, event);
      // Under the order's lock: the decision is made on a state nobody else changes, and a
      // concurrent copy of the event waits here, then finds the event recorded.
      const { effect, outcome } = decideOnEvent(order, event);
      if (!(await this.recordEvent(m, event, order.id, outcome))) return 'duplicate';
      if (effect === 'settle' || effect === 'settle-and-refund')
        await this.settle(
          m,
          order,
          order.voucherId ? await m.findOneByOrFail(Voucher, { id: order.voucherId }) : null,
          effect === 'settle'
            ? `stripe ${event.id}`
            : `stripe ${event.id} (a refund came before its success)`,
        );
      if (effect === 'refund' || effect === 'settle-and-refund')
        await this.applyRefund(m, order.id, 'refunded at Stripe');
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
   */
  async reconcile(olderThanSeconds = 60, now = new Date(), pageSize = 200): Promise<number> {
    const before = new Date(now.getTime() - olderThanSeconds * 1000);
    let applied = 0;
    // Every waiting order, oldest first, a page at a time (keyset): unpaid ones at the front
    // must not hide those behind them.
    for (let after: { createdAt: Date; id: string } | undefined; ;) {
      const page = await this.dataSource
        .getRepository(Order)
        .createQueryBuilder('o')
        .select(['o.id', 'o.paymentIntentId', 'o.createdAt'])
        .where(`o.status = 'AWAITING_PAYMENT' AND o.createdAt < :before`, { before })
        .andWhere('o.paymentIntentId IS NOT NULL')
        .andWhere(after ? '(o.createdAt, o.id) > (:at, :id)' : 'true', {
          at: after?.createdAt,
          id: after?.id,
        })
        .orderBy('o.createdAt')
        .addOrderBy('o.id')
        .take(pageSize)
        .getMany();
      for (const o of page) {
        const payment = await this.payments
          .retrievePayment(o.paymentIntentId!)
          .catch(() => undefined);
        if (payment?.status !== 'succeeded') continue;
        const outcome = await this.onPaymentEvent(
          this.succeededAtProvider(o.id, o.paymentIntentId!, payment.amountKrw),
        );
        if (outcome === 'paid') applied++;
      }
      if (page.length < pageSize) return applied;
      after = page[page.length - 1];
    }
  }

  /** Cancels orders left unpaid past their time and releases what their vouchers held. */
  async expireUnpaid(now = new Date()): Promise<number> {
    const due = await this.dataSource.getRepository(Order).find({
      where: { status: 'AWAITING_PAYMENT', expiresAt: LessThan(now) },
      select: { id: true },
    });
    let closed = 0;
    for (const { id } of due)
      await this.close(id, 'not paid in time').then(
        () => closed++,
        () => undefined, // paid or cancelled meanwhile
      );
    return closed;
  }

  async get(id: string, viewer?: Principal) {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id });
    const allowed =
      !viewer ||
      viewer.isOperator ||
      viewer.roleIn(order?.buyerOrganizationId ?? '') ||
      viewer.roleIn(order?.sellerOrganizationId ?? '');
    if (!order || !allowed) throw notFound('Order', id, '주문을 찾을 수 없습니다.');
    return this.view(order);
  }

  async listForOrganization(organizationId: string) {
    const orders = await this.dataSource.getRepository(Order).find({
      where: [{ buyerOrganizationId: organizationId }, { sellerOrganizationId: organizationId }],
      order: { createdAt: 'DESC' },
      take: 200,
    });
    return orders.map((o) => this.view(o));
  }

  private view(o: Order) {
    const { clientSecret, paymentIntentId, idempotencyKey: _k, ...rest } = o;
    return {
      ...rest,
      payment:
        o.status === 'AWAITING_PAYMENT' && paymentIntentId
          ? { paymentIntentId, clientSecret }
          : paymentIntentId
            ? { paymentIntentId }
            : null,
    };
  }

  entitlements(organizationId: string) {
    return this.dataSource.query(
      `SELECT e.id, e.product_id AS "productId", p.title, e.version AS "versionBought", p.version AS "latestVersion",
              e.granted_at AS "grantedAt", e.valid_until AS "validUntil", e.order_id AS "orderId", l.code AS license
         FROM entitlements e JOIN products p ON p.id = e.product_id JOIN licences l ON l.code = p.licence_code
        WHERE e.organization_id = $1 AND e.revoked_at IS NULL AND e.valid_until > now() ORDER BY e.granted_at DESC`,
      [organizationId],
    );
  }
}
