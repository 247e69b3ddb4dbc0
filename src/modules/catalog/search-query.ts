import { escapeLike } from '../../platform/database/like.js';
import { DATA_TYPES, type DataType } from '../datasets/index.js';
import { queryTokens, words } from './search-tokens.js';

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
  /** SELECT of one page of products, in order, with their sellers' and processors' names. */
  page: { text: string; values: unknown[] };
  /** Facet counts over the filtered products; their dataType counts add up to the total. */
  facets: { text: string; values: unknown[] };
}

/**
 * The price ranges of the facets, cheapest first, as the database's mdx_price_range(price_krw)
 * names them: listed_facet_counts keeps its counts by them (`band`).
 */
const PRICE_RANGES = ['UNDER_1M', '1M_TO_5M', '5M_TO_10M', '10M_AND_MORE'] as const;

/**
 * The facet counts of the filtered products: a count for each combination of the facets' values
 * (a few hundred at most), which facetCounts adds up by facet. Both read listed_facet_counts,
 * which a trigger keeps in step with the products (migrations ListedFacetCounts, ListedProducts):
 * a row for each combination of data type, industry, licence, processing support and price range.
 *
 * - `counts`: a filter the table can answer itself (no words; only the data type, the industry,
 *   the licence and processing support) sums its rows: under a millisecond at 100,000 products.
 * - `products`: any other filter counts its products by their combination (`facet`, one integer
 *   in listed_products and in IDX_listed_products_facets), then reads those combinations' values.
 */
function facetSelect(filter: string, source: 'counts' | 'products'): string {
  const from =
    source === 'counts'
      ? `listed_facet_counts p WHERE p.n > 0${filter ? ` AND ${filter}` : ''}`
      : `(SELECT p.facet, count(*) AS n FROM listed_products p${filter ? ` WHERE ${filter}` : ''}
           GROUP BY 1) x
         JOIN listed_facet_counts p ON p.id = x.facet`;
  // A product with no industry is counted under ''.
  return `SELECT p.data_type AS "dataType", left(nullif(p.industry_code, ''), 2) AS "industryDivision",
                 p.licence_code AS license, p.processing_supported AS "processingSupported",
                 p.band AS "priceRange", sum(${source === 'counts' ? 'p' : 'x'}.n)::int AS n
            FROM ${from}
           GROUP BY 1, 2, 3, 4, 5`;
}

const FACETS = ['dataType', 'industryDivision', 'processingSupported', 'priceRange', 'license'];
/** Each facet's buckets in a fixed order: data types and price ranges as listed, the others by code. */
const ORDER: Record<string, readonly string[]> = {
  dataType: DATA_TYPES,
  priceRange: PRICE_RANGES,
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
 * The SQL of a catalog search, over listed_products (the listed products only, kept by a trigger):
 * the query's tokens must all be in mdx_tokens(search_text) (a GIN expression index), and
 * each longer query word must appear in search_text. One function builds what the API runs and
 * what the benchmark runs raw.
 */
export function searchSql(p: SearchParams): SearchSql {
  const values: unknown[] = [];
  const add = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  // The filter's conditions.
  const where: string[] = [];
  const qWords = p.q ? words(p.q) : [];
  const likeOf = new Map<string, string>();
  if (qWords.length) {
    where.push(`mdx_tokens(p.search_text) @> ${add(queryTokens(p.q!))}::text[]`);
    // A word of one or two characters is one token: holding it is the substring match itself. A
    // longer word's tokens may lie apart in the text ("rol" and "ing"), so it is checked whole.
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
  const filter = where.join(' AND ');
  const filterValues = [...values];
  // Unless there are words, a bound or a processor, every condition is on a column
  // listed_facet_counts keeps.
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
  // The order, by the columns the page's ids are chosen with (`rank` is the relevance).
  const order = (q: string) =>
    ({
      relevance: `${q}rank DESC, ${q}listed_at DESC, ${q}id`,
      newest: `${q}listed_at DESC, ${q}id`,
      price_asc: `${q}price_krw ASC, ${q}id`,
      price_desc: `${q}price_krw DESC, ${q}id`,
    })[sort];
  // Products found by words are found through the bigram index, then sorted. `OFFSET 0` keeps
  // the planner from walking a sort's index instead and testing each product for the words:
  // mdx_tokens() of one product's text takes 60 µs or more, which its estimates do not know, so a
  // common word sorted by price took 30-40 ms that way against 6 ms through the index.
  const from = qWords.length
    ? `(SELECT * FROM listed_products p WHERE ${filter} OFFSET 0) p`
    : `listed_products p${filter ? ` WHERE ${filter}` : ''}`;
  const limit = add(p.pageSize);
  const offset = add((p.page - 1) * p.pageSize);
  return {
    page: {
      // The page's ids are chosen from listed_products, then their products read, in one statement.
      text: `SELECT p.id, p.title, p.price_krw AS "priceKrw", p.data_type AS "dataType",
                    p.industry_code AS "industryCode", p.tags, p.quality_score AS "qualityScore",
                    p.row_count AS "rowCount", p.processing_supported AS "processingSupported",
                    p.licence_code AS license, p.listed_at AS "listedAt",
                    p.organization_id AS "organizationId", s.name AS "sellerName",
                    p.processor_organization_id AS "processorOrganizationId", pr.name AS "processorName"
               FROM (SELECT p.id, p.listed_at, p.price_krw, ${relevance} AS rank
                       FROM ${from} ORDER BY ${order('')} LIMIT ${limit} OFFSET ${offset}) q
               JOIN products p ON p.id = q.id
               JOIN organizations s ON s.id = p.organization_id
               LEFT JOIN organizations pr ON pr.id = p.processor_organization_id
              ORDER BY ${order('q.')}`,
      values,
    },
    facets: {
      text: facetSelect(filter, counted ? 'counts' : 'products'),
      values: filterValues,
    },
  };
}
