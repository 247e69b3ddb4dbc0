import { escapeLike } from '../../platform/database/like.js';
import { DATA_TYPES, type DataType } from '../datasets/index.js';
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
  license?: string;
  sort?: 'relevance' | 'newest' | 'price_asc' | 'price_desc';
  page: number;
  pageSize: number;
}

export interface SearchSql {
  /** SELECT of one page of product ids, in order. */
  page: { text: string; values: unknown[] };
  /** Facet counts over the filtered products; their dataType counts add up to the total. */
  facets: { text: string; values: unknown[] };
}

/**
 * The price ranges of the facets, cheapest first. The database's mdx_price_range(price_krw), which
 * the facet counts table keeps its counts by, draws the same lines (catalog.test.ts compares both);
 * here they are written out, as a function called on every product found by words costs 3-5% more.
 */
const PRICE_RANGES = [
  ['UNDER_1M', 'p.price_krw < 1000000'],
  ['1M_TO_5M', 'p.price_krw >= 1000000 AND p.price_krw < 5000000'],
  ['5M_TO_10M', 'p.price_krw >= 5000000 AND p.price_krw < 10000000'],
  ['10M_AND_MORE', 'p.price_krw >= 10000000'],
] as const;

/**
 * The facet counts in one pass over the filtered products: a count for each combination of the
 * facets' values (a few hundred at most), which facetCounts adds up by facet.
 *
 * - `counts`: the filter is one listed_facet_counts can answer (no words; only the data type, the
 *   industry, the licence and processing support), and the counts are summed from that table of a
 *   few thousand rows, which a trigger keeps in step with the products (migration
 *   ListedFacetCounts): the front page's count takes under a millisecond at 100,000 products.
 * - `index`: no words, but a bound (price, quality) or a processor: an index-only scan of
 *   IDX_products_listed_facets. The products are first counted by the plain columns in the
 *   index's order, so PostgreSQL groups them as they come off it (no hashing, no expression per
 *   product); only those groups (a few thousand) are then put in divisions and price ranges.
 * - `rows`: products found by words come in no order, and are counted in one step.
 */
function facetSelect(filter: string, source: 'counts' | 'index' | 'rows'): string {
  const [n, from, industry] = {
    counts: [
      'sum(p.n)::int',
      `listed_facet_counts p WHERE p.n > 0${filter ? ` AND ${filter}` : ''}`,
      // A product with no industry is counted under ''.
      `nullif(p.industry_code, '')`,
    ],
    index: [
      'sum(p.n)::int',
      `(SELECT p.data_type, p.industry_code, p.licence_code, p.processing_supported,
                 p.price_krw, count(*) AS n
            FROM products p WHERE ${filter}
           GROUP BY 1, 2, 3, 4, 5) p`,
      'p.industry_code',
    ],
    rows: ['count(*)::int', `products p WHERE ${filter}`, 'p.industry_code'],
  }[source];
  const band =
    source === 'counts'
      ? 'p.band'
      : `CASE ${PRICE_RANGES.map(([name, cond]) => `WHEN ${cond} THEN '${name}'`).join(' ')} END`;
  return `SELECT p.data_type AS "dataType", left(${industry}, 2) AS "industryDivision",
                 p.licence_code AS license, p.processing_supported AS "processingSupported",
                 ${band} AS "priceRange", ${n} AS n
            FROM ${from}
           GROUP BY 1, 2, 3, 4, 5`;
}

const LISTED = `p.status = 'LISTED'`;

const FACETS = ['dataType', 'industryDivision', 'processingSupported', 'priceRange', 'license'];
/** Each facet's buckets in a fixed order: data types and price ranges as listed, the others by code. */
const ORDER: Record<string, readonly string[]> = {
  dataType: DATA_TYPES,
  priceRange: PRICE_RANGES.map(([name]) => name),
  processingSupported: ['true', 'false'],
};

/** The number of products matching: every product has one data type, so the dataType facet adds up to it. */
export function totalOf(facets: Record<string, Record<string, number>>): number {
  return Object.values(facets.dataType).reduce((a, n) => a + n, 0);
}

/** Turns the facet query's rows into { dataType: { SENSOR_TIME_SERIES: 12, ... }, industryDivision: { '24': 3 }, ... }. */
export function facetCounts(
  rows: Record<string, unknown>[],
): Record<string, Record<string, number>> {
  const sums = new Map<string, Map<string, number>>(FACETS.map((f) => [f, new Map()]));
  for (const row of rows)
    for (const facet of FACETS) {
      const bucket = String(row[facet] ?? 'NONE');
      const sum = sums.get(facet)!;
      sum.set(bucket, (sum.get(bucket) ?? 0) + Number(row.n));
    }
  const rank = (facet: string, bucket: string) => ORDER[facet]?.indexOf(bucket) ?? -1;
  return Object.fromEntries(
    FACETS.map((facet) => [
      facet,
      Object.fromEntries(
        [...sums.get(facet)!].sort(
          ([a], [b]) => rank(facet, a) - rank(facet, b) || (a < b ? -1 : a > b ? 1 : 0),
        ),
      ),
    ]),
  );
}

/**
 * The SQL of a catalog search: only LISTED products; the query's bigram tokens must all be in
 * mdx_bigrams(search_text) (a GIN expression index), and each longer query word must appear in search_text. One function builds
 * what the API runs and what the benchmark runs raw.
 */
export function searchSql(p: SearchParams): SearchSql {
  const values: unknown[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  // The filter's conditions; every search also asks for listed products only (LISTED below).
  const where: string[] = [];
  const qWords = p.q ? words(p.q) : [];
  const likeOf = new Map<string, string>();
  if (qWords.length) {
    where.push(`mdx_bigrams(p.search_text) @> ${add(tokens(p.q!))}::text[]`);
    // A word of one or two characters is one token: holding it is the substring match itself.
    for (const w of qWords)
      if ([...w].length > 2) {
        likeOf.set(w, add(`%${escapeLike(w)}%`));
        where.push(`p.search_text LIKE ${likeOf.get(w)}`);
      }
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
  if (p.license) where.push(`p.licence_code = ${add(p.license)}`);
  const filter = [LISTED, ...where].join(' AND ');
  const filterValues = [...values];
  // Unless there are words, a bound or a processor, every condition is on a column
  // listed_facet_counts keeps (a table of listed products only).
  const counted =
    qWords.length === 0 &&
    p.minPriceKrw === undefined &&
    p.maxPriceKrw === undefined &&
    p.minQuality === undefined &&
    !p.processorOrganizationId;
  const sort = p.sort ?? (qWords.length ? 'relevance' : 'newest');
  // Relevance (page query only): how many query words the title holds. Its parameters come after
  // the filter's, so the facet query can take the filter's alone.
  const relevance =
    sort === 'relevance' && qWords.length
      ? qWords
          .map(
            (w) =>
              `(CASE WHEN p.title_text LIKE ${likeOf.get(w) ?? add(`%${escapeLike(w)}%`)} THEN 1 ELSE 0 END)`,
          )
          .join(' + ')
      : '0';
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
    facets: {
      text: counted
        ? facetSelect(where.join(' AND '), 'counts')
        : facetSelect(filter, qWords.length === 0 ? 'index' : 'rows'),
      values: filterValues,
    },
  };
}
