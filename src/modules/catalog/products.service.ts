import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import { DatasetFile, DatasetVersion, DatasetsService } from '../datasets/index.js';
import { Organization, RelatedParties, Standing } from '../organizations/index.js';
import type { QualityReport } from '../quality/index.js';
import { QualityService } from '../quality/index.js';
import type { CreateProductDto, RevisionDto, UpdateProductDto } from './dto/product.dto.js';
import { Licence } from './licence.entity.js';
import { delistingLocked, lockedUntil } from './listing-rules.js';
import { ProductRevision } from './product-revision.entity.js';
import { Product } from './product.entity.js';
import { searchableText } from './search-tokens.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { ProductSearch } from './product-search.service.js';
import { ProductViews } from './product-views.service.js';

interface VersionFacts {
  version: DatasetVersion;
  report: QualityReport;
  rows: bigint;
  files: number;
  sizeBytes: bigint;
}

/** The catalog's writes: products, publishing and the one-year rule, revisions. Reading is ProductViews', searching ProductSearch's. */
@Injectable()
export class ProductsService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly datasets: DatasetsService,
    private readonly quality: QualityService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
    private readonly standing: Standing,
    private readonly views: ProductViews,
    private readonly search: ProductSearch,
    private readonly related: RelatedParties,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(
      'product',
      async (id) =>
        (
          await this.tx.manager
            .getRepository(Product)
            .findOne({ where: { id }, select: { organizationId: true } })
        )?.organizationId,
    );
  }

  /** A product write: one transaction; once it is committed, searches count their facets afresh. */
  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(work);
    } finally {
      this.search.changed();
    }
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
    const report = await this.quality.assertPassed(m, version.id, {
      en: `Version ${versionNumber}`,
      ko: `버전 ${versionNumber}`,
    });
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
            approvalRequired: dto.approvalRequired ?? false,
            approvalQuestion: dto.approvalQuestion || null,
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
        return this.views.view(m, product, true);
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
        approvalRequired: product.approvalRequired,
      };
      if (dto.title !== undefined) product.title = dto.title;
      if (dto.description !== undefined) product.description = dto.description;
      if (dto.tags !== undefined) product.tags = dto.tags;
      if (dto.priceKrw !== undefined) product.priceKrw = BigInt(dto.priceKrw);
      if (dto.license !== undefined) product.licenceCode = dto.license;
      if (dto.approvalRequired !== undefined) product.approvalRequired = dto.approvalRequired;
      if (dto.approvalQuestion !== undefined)
        product.approvalQuestion = dto.approvalQuestion || null;
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
            approvalRequired: product.approvalRequired,
          },
        },
      });
      return this.views.view(m, product, true);
    });
  }

  async publish(id: string) {
    return this.write(async (m) => {
      const product = await this.lock(m, id);
      if (product.status === 'LISTED')
        throw new DomainError('INVALID_TRANSITION', `Product ${id} is listed already.`);
      await this.standing.assertInGoodStanding(m, product.organizationId, {
        en: 'publish a product',
        ko: '상품을 게시할',
      });
      const guide = await this.views.guide(m, product);
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
      return this.views.view(m, product, true);
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
      // A member of the seller delists as the seller, even when they are also an operator: the
      // operator's exception to the one-year rule is for organizations they have no stake in.
      const asOperator = actor.isOperator && !actor.roleIn(product.organizationId);
      if (asOperator)
        await this.related.assertNoStaffConflict(m, actor.id, [product.organizationId], 'delist');
      if (delistingLocked(product, asOperator, new Date()))
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
        details: { reason, byOperator: asOperator },
      });
      await this.announce(m, EVENT_TYPES.PRODUCT_DELISTED, product, { reason });
      return this.views.view(m, product, true);
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
      return this.views.view(m, product, true);
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

  private async lock(m: EntityManager, id: string): Promise<Product> {
    const product = await m.findOne(Product, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!product) throw notFound('Product', id, '상품을 찾을 수 없습니다.');
    return product;
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
    // In the caller's transaction: a search counting meanwhile may keep the counts from before it,
    // for SEARCH_FACETS_CACHE_SECONDS at most.
    this.search.changed();
  }
}
