import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, LessThan } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { PaymentPort } from '../../platform/payments/payment.port.js';
import { AuditService } from '../audit/index.js';
import { Product } from '../catalog/index.js';
import { Organization, OrganizationsService, RelatedParties } from '../organizations/index.js';
import type { Voucher } from '../vouchers/index.js';
import { VoucherMoney, VouchersService } from '../vouchers/index.js';
import type { CreateOrderDto, QuoteDto } from './dto/order.dto.js';
import { Order } from './order.entity.js';
import { type OrderView, orderView } from './dto/orders.views.js';
import { OrderBooks } from './order-books.service.js';
import { PaymentsHub, succeededAtProvider } from '../payments/index.js';
import { OrderPayments } from './order-payments.service.js';
import { splitPrice, vatSplit } from './split.js';
import { won } from '../../platform/money/won.js';
import { type PageQuery, pagedQuery, pageOf, window } from '../../platform/http/pagination.js';
import { seoulDate } from '../../platform/time/seoul-date.js';

export const EXPIRE_ORDERS_JOB = 'orders.expire';

/** Thrown out of checkout's transaction when a retry finds the order its key already made. */
class Replay extends Error {
  constructor(readonly order: Order) {
    super('replayed order');
  }
}

/**
 * Checkout: quotes, orders with voucher reservations, their PaymentIntents, cancels and expiry,
 * refunds. The money movements are OrderBooks'; Stripe's events reach orders through payments/
 * (PaymentsHub), to which OrderPayments tells what an event does to an order.
 */
@Injectable()
export class OrdersService implements OnModuleInit {
  private readonly logger = new Logger('Orders');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly vouchers: VouchersService,
    private readonly voucherMoney: VoucherMoney,
    private readonly books: OrderBooks,
    private readonly hub: PaymentsHub,
    private readonly orderPayments: OrderPayments,
    private readonly payments: PaymentPort,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
    private readonly jobs: JobQueue,
    private readonly related: RelatedParties,
    private readonly organizations: OrganizationsService,
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
    // Also at start: after a crash or a deploy, reservations that ran out while the service was
    // down are released at once, not at the next tick.
    this.jobs.work(EXPIRE_ORDERS_JOB, () => this.expireUnpaid().then(() => undefined));
    this.jobs.schedule(EXPIRE_ORDERS_JOB, '* * * * *', { atStart: {} });
    this.hub.register('order', {
      claim: (m, event) => this.orderPayments.claim(m, event),
      waiting: (before) => this.orderPayments.waiting(before),
      // Unpayable at once: no need to hold the voucher money until the order expires.
      unknownToProvider: (orderId) => this.close(orderId, 'its PaymentIntent is unknown to Stripe'),
    });
  }

  /** The product a buyer may order, or a refusal: unlisted, or a seller related to the buyer. */
  private async purchasable(m: EntityManager, productId: string, buyerOrganizationId: string) {
    const product = await m.findOne(Product, { where: { id: productId } });
    if (!product || product.status !== 'LISTED')
      throw new DomainError(
        'NOT_PURCHASABLE',
        `Product ${productId} is not listed; only listed products can be bought.`,
      );
    const parties = await m.findBy(Organization, {
      id: In([buyerOrganizationId, product.organizationId]),
    });
    const buyer = parties.find((o) => o.id === buyerOrganizationId);
    const seller = parties.find((o) => o.id === product.organizationId)!;
    if (!buyer) throw notFound('Organization', buyerOrganizationId);
    await this.related.assertUnrelated(m, 'order', buyer, seller);
    return product;
  }

  /**
   * A buyer buys a product once per licence term: refused while it holds a live entitlement to
   * it or has an order for it awaiting payment. Runs under a lock on (buyer, product), so orders
   * racing with different Idempotency-Keys make exactly one.
   */
  private async assertNotHeld(
    m: EntityManager,
    buyerOrganizationId: string,
    productId: string,
    idempotencyKey: string | undefined,
  ) {
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `order:${buyerOrganizationId}:${productId}`,
    ]);
    // A retry that waited here for its first attempt to commit answers that order, not a refusal.
    const replayed =
      idempotencyKey &&
      (await m.findOne(Order, { where: { buyerOrganizationId, idempotencyKey } }));
    if (replayed) throw new Replay(replayed);
    const [held]: { kind: 'entitlement' | 'order'; id: string; until: Date | null }[] =
      await m.query(
        `SELECT 'entitlement' AS kind, id, valid_until AS until FROM entitlements
          WHERE organization_id = $1 AND product_id = $2 AND revoked_at IS NULL AND valid_until > now()
         UNION ALL
         SELECT 'order', id, expires_at FROM orders
          WHERE buyer_organization_id = $1 AND product_id = $2 AND status = 'AWAITING_PAYMENT'
         LIMIT 1`,
        [buyerOrganizationId, productId],
      );
    if (held?.kind === 'entitlement')
      throw new DomainError(
        'ALREADY_ENTITLED',
        `Your organization already holds entitlement ${held.id} to this product, valid until ${seoulDate(held.until!)}; download it instead of buying it again.`,
        {
          messageKo: `이미 이 상품의 이용 권한(${held.id})이 있습니다 (${seoulDate(held.until!)}까지). 다시 구매하지 말고 내려받아 주세요.`,
          details: { entitlementId: held.id, validUntil: held.until },
        },
      );
    if (held)
      throw new DomainError(
        'ORDER_IN_PROGRESS',
        `Order ${held.id} for this product is awaiting payment; pay or cancel it before ordering again.`,
        {
          messageKo: `이 상품의 결제 대기 중인 주문(${held.id})이 있습니다. 결제하거나 취소한 뒤 다시 주문해 주세요.`,
          details: { orderId: held.id },
        },
      );
  }

  async quote(dto: QuoteDto, user: Principal) {
    const m = this.dataSource.manager;
    let buyer = dto.organizationId;
    let voucher: Voucher | null = null;
    if (dto.voucherId) {
      voucher = await this.voucherMoney.find(m, dto.voucherId);
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
  async create(dto: CreateOrderDto, actorId: string, idempotencyKey: string | undefined) {
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
        if (product.priceKrw !== BigInt(dto.expectedPriceKrw))
          throw new DomainError(
            'PRICE_CHANGED',
            `The price of "${product.title}" is now ${won(product.priceKrw)}, not the ${won(BigInt(dto.expectedPriceKrw))} you were quoted; ask for a new quote and order again.`,
            {
              messageKo: `"${product.title}"의 가격이 ${won(BigInt(dto.expectedPriceKrw))}에서 ${won(product.priceKrw)}(으)로 바뀌었습니다. 새 견적을 확인한 뒤 다시 주문해 주세요.`,
              details: {
                currentPriceKrw: product.priceKrw,
                expectedPriceKrw: dto.expectedPriceKrw,
              },
            },
          );
        await this.assertNotHeld(m, dto.organizationId, product.id, idempotencyKey);
        let split = { voucherKrw: 0n, buyerKrw: product.priceKrw };
        let voucher: Voucher | null = null;
        if (dto.voucherId) {
          await this.organizations.assertInGoodStanding(m, product.organizationId, {
            en: 'receive voucher money',
            ko: '바우처 대금을 받을',
          });
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
            createdBy: actorId,
          }),
        );
        if (voucher) await this.books.reserve(m, created, voucher);
        await this.audit.record(m, {
          action: 'order.created',
          entityType: 'order',
          entityId: created.id,
          organizationId: created.buyerOrganizationId,
          details: {
            productId: product.id,
            priceKrw: product.priceKrw,
            voucherKrw: split.voucherKrw,
            buyerKrw: split.buyerKrw,
          },
        });
        if (paidNow) await this.books.settle(m, created, 'paid entirely by the voucher');
        return created;
      });
    } catch (err) {
      if (err instanceof Replay) return this.resume(err.order);
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
      await this.books.releaseReservation(m, order);
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
      await this.hub.onPaymentEvent(succeededAtProvider(intent, payment, { orderId: order.id }));
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
    await this.tx.run((m) => this.books.applyRefund(m, orderId, reason));
    return this.get(orderId);
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
    return this.view(order, viewer);
  }

  async listForOrganization(organizationId: string, viewer: Principal, query: PageQuery) {
    const [orders, total] = await this.dataSource.getRepository(Order).findAndCount({
      where: [{ buyerOrganizationId: organizationId }, { sellerOrganizationId: organizationId }],
      order: { createdAt: 'DESC', id: 'ASC' },
      ...window(query),
    });
    return pageOf([orders.map((o) => this.view(o, viewer)), total], query);
  }

  /**
   * An order as its parties see it. The client secret pays the order, so only the buyer's members
   * see it (`viewer` absent: the buyer's own request, checkout).
   */
  private view(o: Order, viewer?: Principal): OrderView {
    return orderView(o, !viewer || Boolean(viewer.roleIn(o.buyerOrganizationId)));
  }

  entitlements(organizationId: string, query: PageQuery) {
    return pagedQuery(
      this.dataSource,
      `SELECT e.id, e.product_id AS "productId", p.title, e.version AS "versionBought", p.version AS "latestVersion",
              e.granted_at AS "grantedAt", e.valid_until AS "validUntil", e.order_id AS "orderId", l.code AS license
         FROM entitlements e JOIN products p ON p.id = e.product_id JOIN licences l ON l.code = p.licence_code
        WHERE e.organization_id = $1 AND e.revoked_at IS NULL AND e.valid_until > now()`,
      [organizationId],
      '"grantedAt" DESC, id',
      query,
    );
  }
}
