import type { DataType } from '../datasets/dataset.entity.js';
import { tokens, words } from './search-tokens.js';

export interface SearchParams {
  q?: string;
  industryCode?: string;
  dataType?: DataType;
  minPriceKrw?: number;
  maxPriceKrw?: number;
  minQuality?: number;
  processorOrganizationId?: string;
  processingSupported?: boolean;
  sort?: 'relevance' | 'newest' | 'price_asc' | 'price_desc';
  page: number;
  pageSize: number;
}

export interface SearchSql {
  /** SELECT of one page of product ids, in order. */
  page: { text: string; values: unknown[] };
  count: { text: string; values: unknown[] };
  facets: { text: string; values: unknown[] };
}

/** The facets counted over the filtered products, in the order of the GROUPING() bits (first = highest bit). */
export const FACETS = [
  { name: 'dataType', expr: 'p.data_type' },
  { name: 'industryDivision', expr: 'left(p.industry_code, 2)' },
  { name: 'processingSupported', expr: 'p.processing_supported' },
  {
    name: 'priceRange',
    expr: `(CASE WHEN p.price_krw < 1000000 THEN 'UNDER_1M' WHEN p.price_krw < 5000000 THEN '1M_TO_5M' WHEN p.price_krw < 10000000 THEN '5M_TO_10M' ELSE '10M_AND_MORE' END)`,
  },
] as const;

/** Turns the facet query's rows into { dataType: { SENSOR_TIME_SERIES: 12, ... }, ... }. */
export function facetCounts(
  rows: Record<string, unknown>[],
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = Object.fromEntries(
    FACETS.map((f) => [f.name, {}]),
  );
  for (const row of rows) {
    // GROUPING() sets a bit for every facet NOT grouped in this row; exactly one is grouped.
    const index = FACETS.findIndex(
      (_f, i) => ((Number(row.g) >> (FACETS.length - 1 - i)) & 1) === 0,
    );
    const facet = FACETS[index];
    out[facet.name][String(row[facet.name] ?? 'NONE')] = Number(row.n);
  }
  return out;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * The SQL of a catalog search: only LISTED products; the query's bigram tokens must all be in
 * search_tokens (GIN index), and each query word must appear in search_text. One function builds
 * what the API runs and what the benchmark runs raw.
 */
export function searchSql(p: SearchParams): SearchSql {
  const values: unknown[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = [`p.status = 'LISTED'`];
  const qWords = p.q ? words(p.q) : [];
  let relevance = '0';
  if (qWords.length) {
    where.push(`p.search_tokens @> ${add(tokens(p.q!))}::text[]`);
    const likes = qWords.map((w) => add(`%${escapeLike(w)}%`));
    for (const like of likes) where.push(`p.search_text LIKE ${like}`);
    // Words in the title weigh most, then in the tags (the same parameters as the filter).
    relevance = likes
      .map(
        (like) =>
          `(CASE WHEN lower(p.title) LIKE ${like} THEN 3 ELSE 0 END + CASE WHEN lower(array_to_string(p.tags, ' ')) LIKE ${like} THEN 2 ELSE 0 END)`,
      )
      .join(' + ');
  }
  if (p.industryCode) where.push(`p.industry_code LIKE ${add(`${escapeLike(p.industryCode)}%`)}`);
  if (p.dataType) where.push(`p.data_type = ${add(p.dataType)}`);
  if (p.minPriceKrw !== undefined) where.push(`p.price_krw >= ${add(p.minPriceKrw)}`);
  if (p.maxPriceKrw !== undefined) where.push(`p.price_krw <= ${add(p.maxPriceKrw)}`);
  if (p.minQuality !== undefined) where.push(`p.quality_score >= ${add(p.minQuality)}`);
  if (p.processorOrganizationId)
    where.push(`p.processor_organization_id = ${add(p.processorOrganizationId)}`);
  if (p.processingSupported !== undefined)
    where.push(`p.processing_supported = ${add(p.processingSupported)}`);
  const filter = where.join(' AND ');
  const filterValues = [...values];

  const sort = p.sort ?? (qWords.length ? 'relevance' : 'newest');
  const order = {
    relevance: `${relevance} DESC, p.listed_at DESC, p.id`,
    newest: 'p.listed_at DESC, p.id',
    price_asc: 'p.price_krw ASC, p.id',
    price_desc: 'p.price_krw DESC, p.id',
  }[sort];
  const limit = add(p.pageSize);
  const offset = add((p.page - 1) * p.pageSize);
  return {
    page: {
      text: `SELECT p.id FROM products p WHERE ${filter} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      values,
    },
    count: {
      text: `SELECT count(*)::int AS total FROM products p WHERE ${filter}`,
      values: filterValues,
    },
    facets: {
      text: `SELECT GROUPING(${FACETS.map((f) => f.expr).join(', ')}) AS g, ${FACETS.map((f) => `${f.expr} AS "${f.name}"`).join(', ')}, count(*)::int AS n
               FROM products p WHERE ${filter}
              GROUP BY GROUPING SETS (${FACETS.map((f) => `(${f.expr})`).join(', ')})`,
      values: filterValues,
    },
  };
}
