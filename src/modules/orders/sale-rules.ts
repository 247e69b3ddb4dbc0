import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { seoulDate } from '../../platform/time/seoul-date.js';
import { AccessRequestsService } from '../access/index.js';
import { Product } from '../catalog/index.js';
import { Organization, RelatedParties, Standing } from '../organizations/index.js';
import { Order } from './order.entity.js';

/** Thrown out of checkout's transaction when a retry finds the order its key already made. */
export class Replay extends Error {
  constructor(readonly order: Order) {
    super('replayed order');
  }
}

/**
 * Who may buy what: a listed product, from a seller not related to the buyer, once per licence
 * term, and with voucher money only from a seller in good standing. Checkout asks; the rules live
 * here and nowhere else.
 */
@Injectable()
export class SaleRules {
  constructor(
    private readonly related: RelatedParties,
    private readonly standing: Standing,
    private readonly access: AccessRequestsService,
  ) {}

  /**
   * The product a buyer may order, or a refusal: unlisted, a seller related to the buyer, or a
   * seller who vets its buyers and has not approved this one.
   */
  async purchasable(m: EntityManager, productId: string, buyerOrganizationId: string) {
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
    await this.access.assertApproved(m, product, buyer.id);
    return product;
  }

  /**
   * A buyer buys a product once per licence term: refused while it holds a live entitlement to
   * it or has an order for it awaiting payment. Runs under a lock on (buyer, product), so orders
   * racing with different Idempotency-Keys make exactly one.
   */
  async assertNotHeld(
    m: EntityManager,
    buyerOrganizationId: string,
    productId: string,
    idempotencyKey: string | undefined,
  ) {
    await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `order:${buyerOrganizationId}:${productId}`,
    ]);
    // A retry that waited here for its first attempt to commit answers that order, not a
    // refusal; it is looked for in the same statement as what the buyer already holds.
    const [held]: { kind: 'replay' | 'entitlement' | 'order'; id: string; until: Date | null }[] =
      await m.query(
        `SELECT 'replay' AS kind, id, NULL::timestamptz AS until, 0 AS rank FROM orders
          WHERE buyer_organization_id = $1 AND idempotency_key = $3
         UNION ALL
         SELECT 'entitlement', id, valid_until, 1 FROM entitlements
          WHERE organization_id = $1 AND product_id = $2 AND revoked_at IS NULL AND valid_until > now()
         UNION ALL
         SELECT 'order', id, expires_at, 2 FROM orders
          WHERE buyer_organization_id = $1 AND product_id = $2 AND status = 'AWAITING_PAYMENT'
         ORDER BY rank LIMIT 1`,
        [buyerOrganizationId, productId, idempotencyKey ?? null],
      );
    if (held?.kind === 'replay') throw new Replay(await m.findOneByOrFail(Order, { id: held.id }));
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

  /** Voucher money goes only to a seller whose verification is in good standing. */
  async assertSellerTakesVouchers(m: EntityManager, sellerOrganizationId: string) {
    await this.standing.assertInGoodStanding(m, sellerOrganizationId, {
      en: 'receive voucher money',
      ko: '바우처 대금을 받을',
    });
  }
}
