import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors/domain-error.js';
import { Order } from './order.entity.js';
import { type OperatorOrderView, type OrderView, orderView } from './dto/orders.views.js';
import type { OrderQueryDto, OrganizationOrdersQuery } from './dto/order.dto.js';
import {
  type Page,
  type PageQuery,
  pagedQuery,
  pageOf,
  window,
} from '../../platform/http/pagination.js';
/** Orders and entitlements as their parties read them. */
@Injectable()
export class OrderQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  async listForOrganization(
    organizationId: string,
    viewer: Principal,
    query: OrganizationOrdersQuery,
  ) {
    const bought = { buyerOrganizationId: organizationId };
    const sold = { sellerOrganizationId: organizationId };
    const [orders, total] = await this.dataSource.getRepository(Order).findAndCount({
      where: query.side === 'bought' ? bought : query.side === 'sold' ? sold : [bought, sold],
      order: { createdAt: 'DESC', id: 'ASC' },
      ...window(query),
    });
    return pageOf([orders.map((o) => this.view(o, viewer)), total], query);
  }

  /** Every order, newest first, with its parties' names (operators). */
  async listAll(query: OrderQueryDto): Promise<Page<OperatorOrderView>> {
    const page = await pagedQuery<OperatorOrderView>(
      this.dataSource,
      `SELECT o.id, o.product_id AS "productId", o.product_title AS "productTitle",
              o.buyer_organization_id AS "buyerOrganizationId", b.name AS "buyerName",
              o.seller_organization_id AS "sellerOrganizationId", s.name AS "sellerName",
              o.price_krw AS "priceKrw", o.voucher_krw AS "voucherKrw", o.buyer_krw AS "buyerKrw",
              o.status, o.created_at AS "createdAt", o.paid_at AS "paidAt", o.close_reason AS "closeReason"
         FROM orders o
         JOIN organizations b ON b.id = o.buyer_organization_id
         JOIN organizations s ON s.id = o.seller_organization_id
        WHERE $1::text IS NULL OR o.status = $1`,
      [query.status ?? null],
      '"createdAt" DESC, id',
      query,
    );
    return {
      ...page,
      items: page.items.map((o) => ({
        ...o,
        priceKrw: Number(o.priceKrw),
        voucherKrw: Number(o.voucherKrw),
        buyerKrw: Number(o.buyerKrw),
      })),
    };
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
