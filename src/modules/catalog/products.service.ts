import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import { DatasetFile, DatasetVersion, DatasetsService } from '../datasets/index.js';
import { Organization, OrganizationsService } from '../organizations/index.js';
import type { QualityReport } from '../quality/index.js';
import { QualityService } from '../quality/index.js';
import type {
  CreateProductDto,
  ProductSearchDto,
  RevisionDto,
  UpdateProductDto,
} from './dto/product.dto.js';
import { Licence } from './licence.entity.js';
import { delistingLocked, lockedUntil } from './listing-rules.js';
import { pricingGuide } from './pricing-guide.js';
import { ProductRevision } from './product-revision.entity.js';
import { Product } from './product.entity.js';
import {
  type PricingGuideView,
  type ProductView,
  productSummaryView,
} from './dto/catalog.views.js';
import { FacetCache } from './facet-cache.js';
import { facetCounts, searchSql, totalOf } from './search-query.js';
import { searchableText } from './search-tokens.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';

interface VersionFacts {
  version: DatasetVersion;
  report: QualityReport;
  rows: bigint;
  files: number;
  sizeBytes: bigint;
}

/** The catalog: products, publishing and the one-year rule, revisions, the pricing guide and search. */
@Injectable()
export class ProductsService implements OnModuleInit {
  private readonly facets = new FacetCache<Record<string, Record<string, number>>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly datasets: DatasetsService,
    private readonly quality: QualityService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
    private readonly organizations: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(
      'product',
      async (id) =>
        (
          await this.dataSource
            .getRepository(Product)
            .findOne({ where: { id }, select: { organizationId: true } })
        )?.organizationId,
    );
  }

  /** A product write: one transaction, then the cached facet counts are dropped (after commit, so no search caches the old state). */
  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.tx.run(work);
    this.facets.clear();
    return result;
  }

  /** A sealed version whose quality report PASSED, with its volume; otherwise a refusal saying which. */
  private async verifiedVersion(
    m: EntityManager,
    datasetId: string,
    versionNumber: number,
  ): Promise<VersionFacts> {
    const version = await this.datasets.findVersion(m, datasetId, versionNumber);
    if (version.status !== 'SEALED')
      throw new DomainError(
        'VERSION_NOT_SEALED',
        `Version ${versionNumber} is still a draft; seal it and wait for its quality report to pass.`,
      );
    const report = await this.quality.assertPassed(m, version.id, `Version ${versionNumber}`);
    const files = await m.find(DatasetFile, {
      where: { versionId: version.id, status: 'AVAILABLE' },
    });
    return {
      version,
      report,
      rows: BigInt(report.files.reduce((a, f) => a + (f.rows ?? 0), 0)),
      files: files.length,
      sizeBytes: files.reduce((a, f) => a + f.sizeBytes, 0n),
    };
  }

  private async searchText(
    m: EntityManager,
    p: Pick<
      Product,
      | 'title'
      | 'description'
      | 'tags'
      | 'industryCode'
      | 'organizationId'
      | 'processorOrganizationId'
    >,
  ) {
    const orgs = await m.find(Organization, {
      where: { id: In([p.organizationId, p.processorOrganizationId].filter(Boolean) as string[]) },
    });
    const text = searchableText(
      [p.title, p.description, ...p.tags, p.industryCode ?? '', ...orgs.map((o) => o.name)].join(
        ' ',
      ),
    );
    return { searchText: text, titleText: searchableText(p.title) };
  }

  async create(dto: CreateProductDto, actorId: string) {
    try {
      return await this.write(async (m) => {
        const dataset = await this.datasets.findDataset(m, dto.datasetId);
        const facts = await this.verifiedVersion(m, dataset.id, dto.version);
        if (!(await m.exists(Licence, { where: { code: dto.license } })))
          throw new DomainError(
            'VALIDATION_FAILED',
            `There is no licence ${dto.license}; see GET /licences.`,
            { details: [{ field: 'license', problems: ['unknown licence code'] }] },
          );
        const fields = {
          organizationId: dataset.organizationId,
          title: dto.title,
          description: dto.description ?? dataset.description,
          tags: dto.tags ?? dataset.tags,
          industryCode: dataset.industryCode,
          // Only a processing project names a product's processor (markProcessingSupported).
          processorOrganizationId: null,
        };
        const product = await m.save(
          m.create(Product, {
            ...fields,
            ...(await this.searchText(m, fields)),
            datasetId: dataset.id,
            versionId: facts.version.id,
            version: facts.version.version,
            priceKrw: BigInt(dto.priceKrw),
            licenceCode: dto.license,
            status: 'DRAFT',
            dataType: dataset.dataType,
            qualityScore: facts.report.score,
            rowCount: facts.rows,
            fileCount: facts.files,
            sizeBytes: facts.sizeBytes,
            createdBy: actorId,
          }),
        );
        await m.insert(ProductRevision, {
          productId: product.id,
          versionId: facts.version.id,
          version: facts.version.version,
          notes: facts.version.notes,
        });
        await this.audit.record(m, {
          action: 'product.created',
          entityType: 'product',
          entityId: product.id,
          organizationId: product.organizationId,
          details: {
            title: product.title,
            priceKrw: product.priceKrw,
            version: product.version,
          },
        });
        return this.view(m, product, true);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'CONFLICT',
          `Dataset ${dto.datasetId} is a product already; add new versions to it as revisions.`,
        );
      throw err;
    }
  }

  async update(id: string, dto: UpdateProductDto) {
    return this.write(async (m) => {
      const product = await this.lock(m, id);
      if (product.status === 'DELISTED')
        throw new DomainError(
          'INVALID_TRANSITION',
          'A delisted product cannot be edited; publish it again first.',
        );
      if (dto.license && !(await m.exists(Licence, { where: { code: dto.license } })))
        throw new DomainError(
          'VALIDATION_FAILED',
          `There is no licence ${dto.license}; see GET /licences.`,
        );
      const before = {
        title: product.title,
        priceKrw: product.priceKrw,
        licenceCode: product.licenceCode,
      };
      if (dto.title !== undefined) product.title = dto.title;
      if (dto.description !== undefined) product.description = dto.description;
      if (dto.tags !== undefined) product.tags = dto.tags;
      if (dto.priceKrw !== undefined) product.priceKrw = BigInt(dto.priceKrw);
      if (dto.license !== undefined) product.licenceCode = dto.license;
      Object.assign(product, await this.searchText(m, product));
      await m.save(product);
      await this.audit.record(m, {
        action: 'product.updated',
        entityType: 'product',
        entityId: id,
        organizationId: product.organizationId,
        details: {
          from: before,
          to: {
            title: product.title,
            priceKrw: product.priceKrw,
            licenceCode: product.licenceCode,
          },
        },
      });
      return this.view(m, product, true);
    });
  }

  async publish(id: string) {
    return this.write(async (m) => {
      const product = await this.lock(m, id);
      if (product.status === 'LISTED')
        throw new DomainError('INVALID_TRANSITION', `Product ${id} is listed already.`);
      await this.organizations.assertInGoodStanding(m, product.organizationId, {
        en: 'publish a product',
        ko: '상품을 게시할',
      });
      const guide = await this.guideFor(m, product);
      const now = new Date();
      product.status = 'LISTED';
      product.listedAt = now;
      product.firstListedAt ??= now;
      product.delistedAt = null;
      product.delistReason = null;
      product.pricingGuide = JSON.parse(JSON.stringify(guide)) as Record<string, unknown>;
      await m.save(product);
      await this.audit.record(m, {
        action: 'product.listed',
        entityType: 'product',
        entityId: id,
        organizationId: product.organizationId,
        details: {
          priceKrw: product.priceKrw,
          suggestedPriceKrw: guide.suggestedPriceKrw,
        },
      });
      await this.announce(m, EVENT_TYPES.PRODUCT_LISTED, product);
      return this.view(m, product, true);
    });
  }

  async delist(id: string, reason: string, actor: Principal) {
    return this.write(async (m) => {
      const product = await this.lock(m, id);
      if (product.status !== 'LISTED')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Product ${id} is ${product.status}, not listed.`,
        );
      if (delistingLocked(product, actor.isOperator, new Date()))
        throw new DomainError(
          'LISTING_LOCKED',
          `This product was made with processing support and must stay listed until ${lockedUntil(product.firstListedAt!).toISOString().slice(0, 10)}; only an operator can delist it before then.`,
        );
      product.status = 'DELISTED';
      product.delistedAt = new Date();
      product.delistReason = reason;
      await m.save(product);
      await this.audit.record(m, {
        action: 'product.delisted',
        entityType: 'product',
        entityId: id,
        organizationId: product.organizationId,
        details: { reason, byOperator: actor.isOperator },
      });
      await this.announce(m, EVENT_TYPES.PRODUCT_DELISTED, product, { reason });
      return this.view(m, product, true);
    });
  }

  async addRevision(id: string, dto: RevisionDto) {
    return this.write(async (m) => {
      const product = await this.lock(m, id);
      if (dto.version <= product.version)
        throw new DomainError(
          'CONFLICT',
          `A revision must be newer than version ${product.version}, the one the product offers now.`,
        );
      const facts = await this.verifiedVersion(m, product.datasetId, dto.version);
      Object.assign(product, {
        versionId: facts.version.id,
        version: facts.version.version,
        qualityScore: facts.report.score,
        rowCount: facts.rows,
        fileCount: facts.files,
        sizeBytes: facts.sizeBytes,
      });
      await m.save(product);
      await m.insert(ProductRevision, {
        productId: id,
        versionId: facts.version.id,
        version: facts.version.version,
        notes: dto.notes ?? facts.version.notes,
      });
      await this.audit.record(m, {
        action: 'product.revised',
        entityType: 'product',
        entityId: id,
        organizationId: product.organizationId,
        details: { version: dto.version },
      });
      await this.announce(m, EVENT_TYPES.PRODUCT_REVISED, product);
      return this.view(m, product, true);
    });
  }

  /** Tells the rest of the exchange (buyers who hold it, notifications, webhooks) what changed. */
  private announce(m: EntityManager, type: string, p: Product, extra: object = {}) {
    return this.events.publish(m, {
      type,
      subjectType: 'product',
      subjectId: p.id,
      organizationId: p.organizationId,
      payload: { title: p.title, version: p.version, priceKrw: Number(p.priceKrw), ...extra },
    });
  }

  async pricingGuide(id: string) {
    const product = await this.dataSource.getRepository(Product).findOneBy({ id });
    if (!product) throw notFound('Product', id, '상품을 찾을 수 없습니다.');
    return this.guideFor(this.dataSource.manager, product);
  }

  private async guideFor(m: EntityManager, product: Product) {
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

  private async lock(m: EntityManager, id: string): Promise<Product> {
    const product = await m.findOne(Product, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!product) throw notFound('Product', id, '상품을 찾을 수 없습니다.');
    return product;
  }

  /** A product as anyone may see it when listed; drafts and delisted ones only to the seller and operators. */
  async get(id: string, viewer: Principal | undefined) {
    const m = this.dataSource.manager;
    const product = await m.findOne(Product, { where: { id } });
    const seller =
      product && viewer && (viewer.isOperator || viewer.roleIn(product.organizationId));
    if (!product || (product.status !== 'LISTED' && !seller))
      throw notFound('Product', id, '상품을 찾을 수 없습니다.');
    return this.view(m, product, Boolean(seller));
  }

  async sample(id: string, fileId: string, viewer: Principal | undefined): Promise<string> {
    const product = await this.get(id, viewer);
    return this.datasets.preview(product.datasetId, product.version, fileId);
  }

  private async view(m: EntityManager, product: Product, forSeller: boolean): Promise<ProductView> {
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
        })),
      },
      samples: (report?.files ?? [])
        .filter((f) => f.previewKey)
        .map((f) => ({
          fileId: f.fileId,
          name: f.name,
          url: `/products/${product.id}/samples/${f.fileId}`,
        })),
      revisions: revisions.map((r) => ({ version: r.version, notes: r.notes, addedAt: r.addedAt })),
      ...(forSeller && { pricingGuide: product.pricingGuide as PricingGuideView | null }),
    };
  }

  /** GET /products: listed products only, with facet counts over the same filters. */
  async search(query: ProductSearchDto) {
    const sql = searchSql(query);
    const [ids, facetRows] = await Promise.all([
      this.dataSource.query(sql.page.text, sql.page.values) as Promise<{ id: string }[]>,
      this.dataSource.query(sql.facets.text, sql.facets.values) as Promise<
        Record<string, unknown>[]
      >,
    ]);
    const facets = facetCounts(facetRows);
    const rows: (Product & { sellerName: string; processorName: string | null })[] = ids.length
      ? await this.dataSource.query(
          `SELECT p.id, p.title, p.price_krw AS "priceKrw", p.data_type AS "dataType", p.industry_code AS "industryCode", p.tags,
                  p.quality_score AS "qualityScore", p.row_count AS "rowCount", p.processing_supported AS "processingSupported",
                  p.licence_code AS license, p.listed_at AS "listedAt", p.organization_id AS "organizationId", s.name AS "sellerName",
                  p.processor_organization_id AS "processorOrganizationId", pr.name AS "processorName"
             FROM products p JOIN organizations s ON s.id = p.organization_id LEFT JOIN organizations pr ON pr.id = p.processor_organization_id
            WHERE p.id = ANY($1)`,
          [ids.map((r) => r.id)],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = ids.map(({ id }) => {
      const r = byId.get(id)!;
      return {
        ...r,
        priceKrw: Number(r.priceKrw),
        rowCount: Number(r.rowCount),
        qualityScore: r.qualityScore === null ? null : Number(r.qualityScore),
      };
    });
    return { items, total: totalOf(facets), page: query.page, pageSize: query.pageSize, facets };
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

  /**
   * The seam for processing support: the product becomes the owner's (its revenue is theirs),
   * names the processor that made it, and is marked as made with processing support, so the
   * one-year listing rule applies.
   */
  async markProcessingSupported(
    m: EntityManager,
    productId: string,
    processingProjectId: string,
    parties?: { ownerOrganizationId: string; processorOrganizationId: string },
  ): Promise<void> {
    await m.update(
      Product,
      { id: productId },
      {
        processingSupported: true,
        processingProjectId,
        ...(parties && {
          organizationId: parties.ownerOrganizationId,
          processorOrganizationId: parties.processorOrganizationId,
        }),
      },
    );
    this.facets.clear();
  }
}
