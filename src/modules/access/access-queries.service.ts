import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { type Page, pagedQuery } from '../../platform/http/pagination.js';
import { Product } from '../catalog/index.js';
import type { AccessListQuery, AccessRequestView, ProductAccessView } from './dto/access.dto.js';

/** A request as its two sides and the operators read it: with the product's and parties' names. */
const VIEW_SQL = `
  SELECT r.id, r.product_id AS "productId", p.title AS "productTitle",
         r.seller_organization_id AS "sellerOrganizationId", s.name AS "sellerName",
         r.buyer_organization_id AS "buyerOrganizationId", b.name AS "buyerName",
         b.category AS "buyerCategory", b.industry_code AS "buyerIndustryCode",
         r.intended_use AS "intendedUse", r.status, r.due_on::text AS "dueOn",
         r.escalated_at AS "escalatedAt", r.decided_at AS "decidedAt", r.decided_as AS "decidedAs",
         r.reason, r.access_until AS "accessUntil", r.ask_again_from AS "askAgainFrom",
         r.created_at AS "createdAt"
    FROM access_requests r
    JOIN products p ON p.id = r.product_id
    JOIN organizations s ON s.id = r.seller_organization_id
    JOIN organizations b ON b.id = r.buyer_organization_id`;

/**
 * Access requests as read: the lists of each side and of the operators, one request, and what a
 * product's page says about access. Writes are AccessRequestsService's.
 */
@Injectable()
export class AccessQueries {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: AccessListQuery, user: Principal): Promise<Page<AccessRequestView>> {
    if (query.side === 'operator' && !user.isOperator)
      throw new DomainError('FORBIDDEN', 'Only operators list every access request.', {
        messageKo: '모든 이용 신청은 운영자만 볼 수 있습니다.',
      });
    const where: string[] = [];
    const params: unknown[] = [];
    const column = `r.${query.side === 'buyer' ? 'buyer' : 'seller'}_organization_id`;
    if (query.side !== 'operator') {
      params.push(
        query.organizationId ? [user.actingFor(query.organizationId)] : user.organizationIds,
      );
      where.push(`${column} = ANY($${params.length}::uuid[])`);
    } else if (query.organizationId) {
      params.push(query.organizationId);
      where.push(
        `(r.buyer_organization_id = $${params.length} OR r.seller_organization_id = $${params.length})`,
      );
    }
    if (query.status) {
      params.push(query.status);
      where.push(`r.status = $${params.length}`);
    }
    return pagedQuery<AccessRequestView>(
      this.tx.manager,
      `${VIEW_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
      `"createdAt" DESC, id`,
      query,
    );
  }

  /** One request, to its buyer's and seller's members and to operators. */
  async get(id: string, user: Principal): Promise<AccessRequestView> {
    const r = await this.view(id);
    if (
      !user.isOperator &&
      !user.roleIn(r.buyerOrganizationId) &&
      !user.roleIn(r.sellerOrganizationId)
    )
      throw notFound('Access request', id, '이용 신청을 찾을 수 없습니다.');
    return r;
  }

  /** What a product page says about access: the question, how fast the seller answers, and the caller's requests. */
  async forProduct(productId: string, viewer: Principal | undefined): Promise<ProductAccessView> {
    const m = this.tx.manager;
    const product = await m.findOne(Product, { where: { id: productId } });
    const seller =
      product && viewer && (viewer.isOperator || viewer.roleIn(product.organizationId));
    if (!product || (product.status !== 'LISTED' && !seller))
      throw notFound('Product', productId, '상품을 찾을 수 없습니다.');
    const [answers] = await m.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at)) AS median,
              count(*)::int AS answered
         FROM access_requests
        WHERE seller_organization_id = $1 AND decided_as = 'SELLER'
          AND decided_at > now() - interval '90 days'`,
      [product.organizationId],
    );
    const mine = viewer?.organizationIds.length
      ? await m.query(
          `SELECT DISTINCT ON (r.buyer_organization_id) v.* FROM (${VIEW_SQL}) v
             JOIN access_requests r ON r.id = v.id
            WHERE r.product_id = $1 AND r.buyer_organization_id = ANY($2::uuid[])
            ORDER BY r.buyer_organization_id, r.created_at DESC`,
          [productId, viewer.organizationIds],
        )
      : [];
    return {
      approvalRequired: product.approvalRequired,
      approvalQuestion: product.approvalQuestion,
      answerBusinessDays: this.config.access.answerBusinessDays,
      seller: {
        medianAnswerHours:
          answers.median === null ? null : Math.round((Number(answers.median) / 3600) * 10) / 10,
        answered: answers.answered,
      },
      mine,
    };
  }

  /** One request as its sides read it, whoever asks (callers check who may see it). */
  async view(id: string): Promise<AccessRequestView> {
    const [row] = await this.tx.manager.query(`${VIEW_SQL} WHERE r.id = $1`, [id]);
    if (!row) throw notFound('Access request', id, '이용 신청을 찾을 수 없습니다.');
    return row as AccessRequestView;
  }
}
