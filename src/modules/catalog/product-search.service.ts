import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsageCounter } from '../usage/index.js';
import type { ProductSearchDto } from './dto/product.dto.js';
import { Product } from './product.entity.js';
import { facetCounts, searchSql, totalOf } from './search-query.js';
/**
 * GET /products: listed products only, with facet counts over the same filters, from one grouped
 * pass. Each product on the page counts one search impression (in memory, written in batches).
 */
@Injectable()
export class ProductSearch {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly usage: UsageCounter,
  ) {}

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
}
