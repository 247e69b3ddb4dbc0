import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { LedgerService, type Posting } from '../ledger/index.js';
import { Voucher } from './voucher.entity.js';

/** A movement's reference in the ledger: what the money moved for (an order, for now). */
export interface MoneyReference {
  referenceType: string;
  referenceId: string;
}

/**
 * Every movement of a voucher's money after it is issued, in the caller's transaction: holding
 * part of a price (reserve), spending what was held when the order is paid (spend), giving back
 * what was held (release) or spent (restore). The only place that names the voucher accounts of
 * the ledger besides issuing and closing (VouchersService); one lock, one set of dimensions.
 *
 * Money given back to a voucher that can no longer pay (expired or closed) goes to the program's
 * budget instead, so it is never stranded on a dead voucher.
 */
@Injectable()
export class VoucherMoney {
  constructor(private readonly ledger: LedgerService) {}

  /** The voucher, without a lock (a quote, a read). */
  async find(m: EntityManager, id: string): Promise<Voucher | null> {
    return m.findOne(Voucher, { where: { id } });
  }

  /** Locks a voucher of the buyer for an order; refuses one that cannot pay today. */
  async lockForOrder(
    m: EntityManager,
    voucherId: string,
    buyerOrganizationId: string,
    today = seoulToday(),
  ): Promise<Voucher> {
    const voucher = await m.findOne(Voucher, {
      where: { id: voucherId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!voucher || voucher.organizationId !== buyerOrganizationId)
      throw notFound('Voucher', voucherId, '바우처를 찾을 수 없습니다.');
    if (voucher.status !== 'ACTIVE' || today > voucher.validUntil)
      throw new DomainError(
        'VOUCHER_EXPIRED',
        `Voucher ${voucherId} was valid until ${voucher.validUntil}; it can no longer pay.`,
      );
    if (today < voucher.validFrom)
      throw new DomainError(
        'VOUCHER_EXPIRED',
        `Voucher ${voucherId} can be used from ${voucher.validFrom}.`,
      );
    return voucher;
  }

  balances(m: EntityManager, voucherId: string) {
    return this.ledger.voucherBalances(m, voucherId);
  }

  /** Holds `amountKrw` of the voucher's free money for a purchase not paid yet. */
  async reserve(m: EntityManager, voucher: Voucher, amountKrw: bigint, ref: MoneyReference) {
    if (amountKrw === 0n) return;
    const dims = voucherDims(voucher);
    await this.ledger.transfer(
      m,
      { kind: 'VOUCHER_RESERVED', ...ref },
      { account: 'VOUCHER_AVAILABLE', ...dims },
      { account: 'VOUCHER_RESERVED', ...dims },
      amountKrw,
    );
  }

  /**
   * The postings that spend what was held, for the caller's journal of the payment (which also
   * owes the seller): reserved money becomes the program's spending and the ministry's receivable.
   */
  async spend(m: EntityManager, voucherId: string, amountKrw: bigint): Promise<Posting[]> {
    if (amountKrw === 0n) return [];
    const voucher = await m.findOneByOrFail(Voucher, { id: voucherId });
    const dims = voucherDims(voucher);
    return [
      { account: 'VOUCHER_RESERVED', amountKrw: -amountKrw, ...dims },
      { account: 'PROGRAM_SPENT', amountKrw, ...dims },
      { account: 'SUBSIDY_RECEIVABLE', amountKrw, programId: voucher.programId },
    ];
  }

  /** Gives back what a purchase held and did not spend (cancelled, expired, failed). */
  async release(m: EntityManager, voucherId: string, amountKrw: bigint, ref: MoneyReference) {
    if (amountKrw === 0n) return;
    const voucher = await this.lock(m, voucherId);
    const dims = voucherDims(voucher);
    const active = voucher.status === 'ACTIVE';
    await this.ledger.transfer(
      m,
      { kind: active ? 'VOUCHER_RESERVATION_RELEASED' : 'BUDGET_RELEASED', ...ref },
      { account: 'VOUCHER_RESERVED', ...dims },
      active
        ? { account: 'VOUCHER_AVAILABLE', ...dims }
        : { account: 'PROGRAM_AVAILABLE', programId: voucher.programId },
      amountKrw,
    );
  }

  /**
   * The postings that give back what a refunded purchase spent, for the caller's refund journal:
   * to the voucher while it can pay, else to the program's budget; the receivable shrinks.
   */
  async restore(m: EntityManager, voucherId: string, amountKrw: bigint): Promise<Posting[]> {
    if (amountKrw === 0n) return [];
    const voucher = await this.lock(m, voucherId);
    const dims = voucherDims(voucher);
    return [
      { account: 'PROGRAM_SPENT', amountKrw: -amountKrw, ...dims },
      voucher.status === 'ACTIVE'
        ? { account: 'VOUCHER_AVAILABLE', amountKrw, ...dims }
        : { account: 'PROGRAM_AVAILABLE', amountKrw, programId: voucher.programId },
      { account: 'SUBSIDY_RECEIVABLE', amountKrw: -amountKrw, programId: voucher.programId },
    ];
  }

  private async lock(m: EntityManager, id: string): Promise<Voucher> {
    const voucher = await m.findOne(Voucher, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!voucher) throw notFound('Voucher', id, '바우처를 찾을 수 없습니다.');
    return voucher;
  }
}

/** The ledger dimensions of a voucher's money. */
const voucherDims = (v: Voucher) => ({
  programId: v.programId,
  organizationId: v.organizationId,
  voucherId: v.id,
});
