import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import { Product } from '../catalog/index.js';
import { Organization, Standing, RelatedParties } from '../organizations/index.js';
import type { Voucher } from '../vouchers/index.js';
import { VoucherMoney } from '../vouchers/index.js';
import type { CreateOrderDto, QuoteDto } from './dto/order.dto.js';
import { Order } from './order.entity.js';
import { orderView } from './dto/orders.views.js';
import { OrderBooks } from './order-books.service.js';
import { splitPrice, vatSplit } from './split.js';
import { won } from '../../platform/money/won.js';
import { seoulDate } from '../../platform/time/seoul-date.js';
import { OrderIntents } from './order-intents.service.js';

/** Thrown out of checkout's transaction when a retry finds the order its key already made. */
class Replay extends Error {
  constructor(readonly order: Order) {
    super('replayed order');
  }
}

/**
 * Checkout: a quote, then an order with its voucher part reserved and its PaymentIntent started
 * (paid at once when the voucher pays it all). Retries with the same Idempotency-Key answer the
 * same order. The money movements are OrderBooks'.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly voucherMoney: VoucherMoney,
    private readonly books: OrderBooks,
    private readonly audit: AuditService,
    private readonly related: RelatedParties,
    private readonly standing: Standing,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intents: OrderIntents,
  ) {}

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
    const balance = voucher ? (await this.voucherMoney.balances(m, voucher.id)).availableKrw : 0n;
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
          await this.standing.assertInGoodStanding(m, product.organizationId, {
            en: 'receive voucher money',
            ko: '바우처 대금을 받을',
          });
          voucher = await this.voucherMoney.lockForOrder(m, dto.voucherId, dto.organizationId);
          const { availableKrw } = await this.voucherMoney.balances(m, voucher.id);
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
    if (order.status === 'AWAITING_PAYMENT')
      return orderView(await this.intents.start(order), true);
    return orderView(
      await this.dataSource.getRepository(Order).findOneByOrFail({ id: order.id }),
      true,
    );
  }

  /**
   * A retry of an order already made. When the first attempt was cut off between reserving the
   * voucher and starting the payment (a crash, a timeout), the payment is started now; Stripe's
   * idempotency key gives back the same PaymentIntent if the first attempt had created it.
   */
  private async resume(order: Order) {
    if (order.status !== 'AWAITING_PAYMENT' || order.paymentIntentId) return orderView(order, true);
    return orderView(await this.intents.start(order), true);
  }
}
