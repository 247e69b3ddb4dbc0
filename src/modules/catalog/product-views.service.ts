import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors/domain-error.js';
import { DatasetsService } from '../datasets/index.js';
import { Organization } from '../organizations/index.js';
import { QualityService } from '../quality/index.js';
import { apiPath } from '../../platform/http/api-prefix.js';
import { vatSplit } from '../../platform/money/vat.js';
import { krw } from '../../platform/money/won.js';
import { Licence } from './licence.entity.js';
import { lockedUntil } from './listing-rules.js';
import { pricingGuide } from './pricing-guide.js';
import { ProductRevision } from './product-revision.entity.js';
import { Product } from './product.entity.js';
import { UsageCounter } from '../usage/index.js';
import {
  type PricingGuideView,
  type ProductView,
  productSummaryView,
} from './dto/catalog.views.js';
const moneyOf = (v: { supplyKrw: bigint; vatKrw: bigint }) => ({
  supplyKrw: krw(v.supplyKrw),
  vatKrw: krw(v.vatKrw),
});

/** The catalog as it is read: a product with its licence, parties, quality and samples; the pricing guide; a seller's list. */
@Injectable()
export class ProductViews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly datasets: DatasetsService,
    private readonly quality: QualityService,
    private readonly usage: UsageCounter,
  ) {}

  /**
   * A product as anyone may see it when listed; drafts and delisted ones only to the seller and
   * operators. A listed product's data card counts a view (a click from search when `ref` says
   * so), unless its seller's own people look.
   */
  async get(id: string, viewer: Principal | undefined, ref?: 'search') {
    const { product, seller, counted } = await this.visible(id, viewer);
    if (counted) {
      this.usage.count(id, 'views');
      if (ref === 'search') this.usage.count(id, 'searchClicks');
    }
    return this.view(this.dataSource.manager, product, seller);
  }

  async sample(id: string, fileId: string, viewer: Principal | undefined): Promise<string> {
    const { product, counted } = await this.visible(id, viewer);
    const csv = await this.datasets.preview(product.datasetId, product.version, fileId);
    if (counted) this.usage.count(id, 'samplePreviews');
    return csv;
  }

  /** The product if the viewer may see it; whether it is the seller's (or an operator); whether a look counts. */
  private async visible(id: string, viewer: Principal | undefined) {
    const product = await this.dataSource.manager.findOne(Product, { where: { id } });
    const seller = Boolean(
      product && viewer && (viewer.isOperator || viewer.roleIn(product.organizationId)),
    );
    if (!product || (product.status !== 'LISTED' && !seller))
      throw notFound('Product', id, '상품을 찾을 수 없습니다.');
    const counted = product.status === 'LISTED' && !viewer?.roleIn(product.organizationId);
    return { product, seller, counted };
  }

  /** A product with what a buyer reads beside it; the pricing guide only for the seller. */
  async view(m: EntityManager, product: Product, forSeller: boolean): Promise<ProductView> {
    const [licence, seller, processor, report, revisions] = [
      await m.findOne(Licence, { where: { code: product.licenceCode } }),
      await m.findOne(Organization, { where: { id: product.organizationId } }),
      product.processorOrganizationId
        ? await m.findOne(Organization, { where: { id: product.processorOrganizationId } })
        : null,
      await this.quality.reportOf(m, product.versionId),
      await m.find(ProductRevision, {
        where: { productId: product.id },
        order: { version: 'ASC' },
      }),
    ];
    return {
      ...productSummaryView(product),
      license: product.licenceCode,
      ...moneyOf(vatSplit(product.priceKrw)),
      licence,
      seller: seller && { organizationId: seller.id, name: seller.name },
      processor: processor && { organizationId: processor.id, name: processor.name },
      lockedUntil:
        product.processingSupported && product.firstListedAt
          ? lockedUntil(product.firstListedAt)
          : null,
      quality: report && {
        status: report.status,
        score: report.score === null ? null : Number(report.score),
        files: report.files.map((f) => ({
          fileId: f.fileId,
          name: f.name,
          kind: f.kind,
          rows: f.rows,
          columns: f.columns.map((c) => ({ name: c.name, type: c.type, missing: c.missing })),
          timeSeries: f.timeSeries && {
            column: f.timeSeries.column,
            first: f.timeSeries.first,
            last: f.timeSeries.last,
          },
          score: f.score?.score ?? null,
          parts: f.score?.parts ?? [],
        })),
      },
      samples: (report?.files ?? [])
        .filter((f) => f.previewKey)
        .map((f) => ({
          fileId: f.fileId,
          name: f.name,
          url: apiPath(`products/${product.id}/samples/${f.fileId}`),
        })),
      revisions: revisions.map((r) => ({ version: r.version, notes: r.notes, addedAt: r.addedAt })),
      ...(forSeller && { pricingGuide: product.pricingGuide as PricingGuideView | null }),
    };
  }

  async pricingGuide(id: string) {
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!product) throw notFound('Product', id, '상품을 찾을 수 없습니다.');
    return this.guide(this.dataSource.manager, product);
  }

  /** The pricing guide of a product: a formula from its data, checked against comparable listings. */
  async guide(m: EntityManager, product: Product) {
    const comparables: { id: string; title: string; price_krw: string; row_count: string }[] =
      await m.query(
        `SELECT id, title, price_krw, row_count FROM products
        WHERE status = 'LISTED' AND id <> $1 AND (data_type = $2 OR left(industry_code, 2) = left($3, 2))
        ORDER BY (data_type = $2 AND left(industry_code, 2) = left($3, 2)) DESC, listed_at DESC LIMIT 20`,
        [product.id, product.dataType, product.industryCode ?? ''],
      );
    return pricingGuide({
      dataType: product.dataType,
      rows: Number(product.rowCount),
      sizeBytes: Number(product.sizeBytes),
      qualityScore: product.qualityScore === null ? 0 : Number(product.qualityScore),
      comparables: comparables.map((c) => ({
        productId: c.id,
        title: c.title,
        priceKrw: BigInt(c.price_krw),
        rows: Number(c.row_count),
      })),
    });
  }

  async listForOrganization(organizationId: string, query: { page: number; pageSize: number }) {
    const [products, total] = await this.dataSource.getRepository(Product).findAndCount({
      where: { organizationId },
      order: { createdAt: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return {
      items: products.map(productSummaryView),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
