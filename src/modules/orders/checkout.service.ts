import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import type { Voucher } from '../vouchers/index.js';
import { VoucherMoney } from '../vouchers/index.js';
import type { CreateOrderDto, QuoteDto } from './dto/order.dto.js';
import { Order } from './order.entity.js';
import { orderView } from './dto/orders.views.js';
import { OrderBooks } from './order-books.service.js';
import { splitPrice } from './split.js';
import { vatSplit } from '../../platform/money/vat.js';
import { won } from '../../platform/money/won.js';
import { OrderIntents } from './order-intents.service.js';
import { Replay, SaleRules } from './sale-rules.js';

/**
 * Checkout: a quote, then an order with its voucher part reserved and its PaymentIntent started
 * (paid at once when the voucher pays it all). Retries with the same Idempotency-Key answer the
 * same order. The money movements are OrderBooks'.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly tx: Transactions,
    private readonly voucherMoney: VoucherMoney,
    private readonly books: OrderBooks,
    private readonly audit: AuditService,
    private readonly rules: SaleRules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intents: OrderIntents,
  ) {}

  async quote(dto: QuoteDto, user: Principal) {
    const m = this.tx.manager;
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
    const product = await this.rules.purchasable(m, dto.productId, buyer);
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
      const existing = await this.tx.manager
        .getRepository(Order)
        .findOne({ where: { buyerOrganizationId: dto.organizationId, idempotencyKey } });
      if (existing) return this.resume(existing);
    }
    let order: Order;
    try {
      order = await this.tx.run(async (m) => {
        const product = await this.rules.purchasable(m, dto.productId, dto.organizationId);
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
        await this.rules.assertNotHeld(m, dto.organizationId, product.id, idempotencyKey);
        let split = { voucherKrw: 0n, buyerKrw: product.priceKrw };
        let voucher: Voucher | null = null;
        if (dto.voucherId) {
          await this.rules.assertSellerTakesVouchers(m, product.organizationId);
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
        const existing = await this.tx.manager
          .getRepository(Order)
          .findOneByOrFail({ buyerOrganizationId: dto.organizationId, idempotencyKey });
        return this.resume(existing);
      }
      throw err;
    }
    if (order.status === 'AWAITING_PAYMENT')
      return orderView(await this.intents.start(order), true);
    return orderView(
      await this.tx.manager.getRepository(Order).findOneByOrFail({ id: order.id }),
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
