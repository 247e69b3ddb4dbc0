import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { UsageCounter } from '../usage/index.js';
import type { ProductSearchDto } from './dto/product.dto.js';
import { Product } from './product.entity.js';
import { facetCounts, searchSql, totalOf } from './search-query.js';
type Facets = ReturnType<typeof facetCounts>;

/** The filters whose facet counts are kept at most (the ones asked last). */
const KEPT_FILTERS = 1000;

/**
 * GET /products: listed products only, with facet counts over the same filters, from one grouped
 * pass. Each product on the page counts one search impression (in memory, written in batches).
 * The page of products is read on every search; the facet counts (and the total, their sum) are
 * kept by filter for SEARCH_FACETS_CACHE_SECONDS: they are the costly part of a search that
 * filters little (the front page counts every listed product), and the same filters come back
 * often. A product written on this instance clears them at once (ProductsService calls
 * `changed`); other instances count it within that time.
 */
@Injectable()
export class ProductSearch {
  private readonly facetCache = new Map<string, { until: number; facets: Promise<Facets> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly usage: UsageCounter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Products changed: every search from now on counts its facets afresh. */
  changed(): void {
    this.facetCache.clear();
  }

  async search(query: ProductSearchDto) {
    const sql = searchSql(query);
    const [ids, facets] = await Promise.all([
      this.dataSource.query(sql.page.text, sql.page.values) as Promise<{ id: string }[]>,
      this.facets(sql.facets),
    ]);
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
    this.usage.count(
      ids.map((r) => r.id),
      'searchImpressions',
    );
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

  /** The facet counts of a filter: kept, or counted (once for every search asking meanwhile). */
  private facets(sql: { text: string; values: unknown[] }): Promise<Facets> {
    const count = async () =>
      facetCounts((await this.dataSource.query(sql.text, sql.values)) as Record<string, unknown>[]);
    const seconds = this.config.search.facetsCacheSeconds;
    if (!seconds) return count();
    const key = `${sql.text}\0${JSON.stringify(sql.values)}`;
    const now = Date.now();
    const kept = this.facetCache.get(key);
    this.facetCache.delete(key); // asked last: the last to go
    if (kept && kept.until > now) {
      this.facetCache.set(key, kept);
      return kept.facets;
    }
    const entry = { until: now + seconds * 1000, facets: count() };
    this.facetCache.set(key, entry);
    if (this.facetCache.size > KEPT_FILTERS)
      this.facetCache.delete(this.facetCache.keys().next().value!);
    entry.facets.catch(() => {
      if (this.facetCache.get(key) === entry) this.facetCache.delete(key);
    });
    return entry.facets;
  }
}
