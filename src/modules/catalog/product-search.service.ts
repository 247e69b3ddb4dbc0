import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Kept } from '../../platform/cache/kept.js';
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
  private readonly facetCache: Kept<Promise<Facets>>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly usage: UsageCounter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.facetCache = new Kept(config.search.facetsCacheSeconds * 1000, KEPT_FILTERS);
  }

  /** Products changed: every search from now on counts its facets afresh. */
  changed(): void {
    this.facetCache.clear();
  }

  async search(query: ProductSearchDto) {
    const sql = searchSql(query);
    const [rows, facets] = await Promise.all([
      this.dataSource.query(sql.page.text, sql.page.values) as Promise<
        (Product & { sellerName: string; processorName: string | null })[]
      >,
      this.facets(sql.facets),
    ]);
    this.usage.count(
      rows.map((r) => r.id),
      'searchImpressions',
    );
    const items = rows.map((r) => ({
      ...r,
      priceKrw: Number(r.priceKrw),
      rowCount: Number(r.rowCount),
      qualityScore: r.qualityScore === null ? null : Number(r.qualityScore),
    }));
    return { items, total: totalOf(facets), page: query.page, pageSize: query.pageSize, facets };
  }

  /** The facet counts of a filter: kept, or counted (once for every search asking meanwhile). */
  private facets(sql: { text: string; values: unknown[] }): Promise<Facets> {
    const key = `${sql.text}\0${JSON.stringify(sql.values)}`;
    const kept = this.facetCache.get(key);
    if (kept) return kept;
    const facets = this.dataSource
      .query(sql.text, sql.values)
      .then((rows: Record<string, unknown>[]) => facetCounts(rows));
    this.facetCache.set(key, facets);
    facets.catch(() => {
      if (this.facetCache.get(key) === facets) this.facetCache.delete(key);
    });
    return facets;
  }
}
