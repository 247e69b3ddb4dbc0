import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/index.js';
import { LedgerService, type Posting } from '../ledger/index.js';
import type { Voucher } from '../vouchers/index.js';
import { VoucherMoney } from '../vouchers/index.js';
import { Entitlement } from './entitlement.entity.js';
import { Order } from './order.entity.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';

/**
 * The money side of an order, inside the caller's transaction: paying it (the voucher part spent,
 * the seller owed, the buyer entitled), releasing what it reserved, refunding it. Shared by
 * checkout and by the payment events, so each movement is written in one place. The voucher's
 * part always moves through VoucherMoney (vouchers/), which owns voucher money.
 */
/** An order's event: the buyer's, with what the seller and the program need to know. */
const orderEvent = (type: string, o: Order, extra: object = {}) => ({
  type,
  subjectType: 'order',
  subjectId: o.id,
  organizationId: o.buyerOrganizationId,
  payload: {
    productId: o.productId,
    sellerOrganizationId: o.sellerOrganizationId,
    priceKrw: Number(o.priceKrw),
    voucherKrw: Number(o.voucherKrw),
    buyerKrw: Number(o.buyerKrw),
    ...extra,
  },
});

@Injectable()
export class OrderBooks {
  constructor(
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly voucherMoney: VoucherMoney,
    private readonly events: DomainEvents,
  ) {}

  private static ref(order: Order) {
    return { referenceType: 'order', referenceId: order.id };
  }

  /** Holds the order's voucher part: from the voucher's free money to its reserved money. */
  async reserve(m: EntityManager, order: Order, voucher: Voucher) {
    await this.voucherMoney.reserve(m, voucher, order.voucherKrw, OrderBooks.ref(order));
  }

  /** Marks an order paid: the voucher part is spent, the seller is owed the price, the buyer is entitled. */
  async settle(m: EntityManager, order: Order, how: string) {
    const postings: Posting[] = [
      {
        account: 'SELLER_PAYABLE',
        amountKrw: -order.priceKrw,
        organizationId: order.sellerOrganizationId,
      },
    ];
    if (order.voucherId)
      postings.push(...(await this.voucherMoney.spend(m, order.voucherId, order.voucherKrw)));
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
    await this.events.publish(m, orderEvent(EVENT_TYPES.ORDER_PAID, order));
  }

  /** The buyer's card was declined; the order stays payable until it expires. */
  async declined(m: EntityManager, order: Order, eventId: string) {
    await this.events.publish(m, {
      ...orderEvent(EVENT_TYPES.ORDER_PAYMENT_DECLINED, order),
      onceKey: `order.payment_declined:${eventId}`,
    });
  }

  /** An unpaid order closed: by its buyer, or because it was not paid in time. */
  async cancelled(m: EntityManager, order: Order, cause: 'buyer' | 'expired', reason: string) {
    await this.releaseReservation(m, order);
    await this.events.publish(m, orderEvent(EVENT_TYPES.ORDER_CANCELLED, order, { cause, reason }));
  }

  async releaseReservation(m: EntityManager, order: Order) {
    if (!order.voucherId) return;
    // An expired voucher's money goes back to the program's budget, not to the voucher.
    await this.voucherMoney.release(m, order.voucherId, order.voucherKrw, OrderBooks.ref(order));
  }

  async applyRefund(m: EntityManager, orderId: string, reason: string): Promise<string> {
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
    if (order.voucherId)
      postings.push(...(await this.voucherMoney.restore(m, order.voucherId, order.voucherKrw)));
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
    await this.events.publish(m, orderEvent(EVENT_TYPES.ORDER_REFUNDED, order, { reason }));
    return 'refunded';
  }
}
