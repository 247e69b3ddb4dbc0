import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { LedgerService, type Posting } from '../ledger/ledger.service.js';
import { Voucher } from '../vouchers/voucher.entity.js';
import { Entitlement } from './entitlement.entity.js';
import { Order } from './order.entity.js';

/** The ledger dimensions of a voucher's money. */
const voucherDims = (v: Voucher) => ({
  programId: v.programId,
  organizationId: v.organizationId,
  voucherId: v.id,
});

const lockVoucher = (m: EntityManager, id: string) =>
  m.findOneOrFail(Voucher, { where: { id }, lock: { mode: 'pessimistic_write' } });

/**
 * The money side of an order, inside the caller's transaction: paying it (the voucher part spent,
 * the seller owed, the buyer entitled), releasing what it reserved, refunding it. Shared by
 * checkout and by the payment events, so each movement is written in one place.
 */
@Injectable()
export class OrderBooks {
  constructor(
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  /** Holds the order's voucher part: from the voucher's free money to its reserved money. */
  async reserve(m: EntityManager, order: Order, voucher: Voucher) {
    if (order.voucherKrw === 0n) return;
    const dims = voucherDims(voucher);
    await this.ledger.transfer(
      m,
      { kind: 'VOUCHER_RESERVED', referenceType: 'order', referenceId: order.id },
      { account: 'VOUCHER_AVAILABLE', ...dims },
      { account: 'VOUCHER_RESERVED', ...dims },
      order.voucherKrw,
    );
  }

  /** Marks an order paid: the voucher part is spent, the seller is owed the price, the buyer is entitled. */
  async settle(m: EntityManager, order: Order, voucher: Voucher | null, how: string) {
    const postings: Posting[] = [
      {
        account: 'SELLER_PAYABLE',
        amountKrw: -order.priceKrw,
        organizationId: order.sellerOrganizationId,
      },
    ];
    if (voucher && order.voucherKrw > 0n) {
      const dims = voucherDims(voucher);
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

  async releaseReservation(m: EntityManager, order: Order) {
    if (!order.voucherId || order.voucherKrw === 0n) return;
    const voucher = await lockVoucher(m, order.voucherId);
    const dims = voucherDims(voucher);
    // An expired voucher's money goes back to the program's budget, not to the voucher.
    const back =
      voucher.status === 'ACTIVE'
        ? { account: 'VOUCHER_AVAILABLE' as const, ...dims }
        : { account: 'PROGRAM_AVAILABLE' as const, programId: voucher.programId };
    await this.ledger.transfer(
      m,
      {
        kind: voucher.status === 'ACTIVE' ? 'VOUCHER_RESERVATION_RELEASED' : 'BUDGET_RELEASED',
        referenceType: 'order',
        referenceId: order.id,
      },
      { account: 'VOUCHER_RESERVED', ...dims },
      back,
      order.voucherKrw,
    );
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
    if (order.voucherId && order.voucherKrw > 0n) {
      const voucher = await lockVoucher(m, order.voucherId);
      const dims = voucherDims(voucher);
      postings.push(
        { account: 'PROGRAM_SPENT', amountKrw: -order.voucherKrw, ...dims },
        voucher.status === 'ACTIVE'
          ? { account: 'VOUCHER_AVAILABLE', amountKrw: order.voucherKrw, ...dims }
          : {
              account: 'PROGRAM_AVAILABLE',
              amountKrw: order.voucherKrw,
              programId: voucher.programId,
            },
        {
          account: 'SUBSIDY_RECEIVABLE',
          amountKrw: -order.voucherKrw,
          programId: voucher.programId,
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
}
