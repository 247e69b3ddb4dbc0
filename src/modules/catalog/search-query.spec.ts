import { facetCounts, searchSql, type SearchParams, totalOf } from './search-query.js';

/** The highest $n a statement uses. */
const highest = (text: string) =>
  Math.max(0, ...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

describe('search SQL', () => {
  const cases: Partial<SearchParams>[] = [
    {},
    { q: '용해' },
    { q: '용해탱크' },
    { q: '용해 melting 가' },
    { q: '용해', sort: 'price_asc' },
    { q: 'melting', sort: 'newest', dataType: 'TABULAR' },
    {
      industryCode: '24',
      minPriceKrw: 1,
      maxPriceKrw: 9,
      minQuality: 80,
      processingSupported: true,
      processorOrganizationId: 'x',
    },
    { q: '프레스 압력', processingSupported: false, sort: 'relevance' },
  ];

  it.each(cases)('binds exactly the parameters each statement uses: %j', (c) => {
    const sql = searchSql({ page: 1, pageSize: 20, ...c });
    expect(highest(sql.page.text)).toBe(sql.page.values.length);
    expect(highest(sql.facets.text)).toBe(sql.facets.values.length);
  });

  it('checks substrings only for words longer than one token', () => {
    expect(searchSql({ page: 1, pageSize: 20, q: '용해' }).facets.text).not.toContain(
      'search_text LIKE',
    );
    expect(searchSql({ page: 1, pageSize: 20, q: '용해탱크' }).facets.text).toContain(
      'search_text LIKE',
    );
  });

  it('adds the count of each combination into every facet, in a fixed order, and the total', () => {
    const row = (
      dataType: string,
      industryDivision: string | null,
      license: string,
      processingSupported: boolean,
      priceRange: string,
      n: number,
    ) => ({ dataType, industryDivision, license, processingSupported, priceRange, n });
    const facets = facetCounts([
      row('IMAGE', '24', 'RESEARCH', false, '5M_TO_10M', 1),
      row('TABULAR', '24', 'COMMERCIAL', true, 'UNDER_1M', 1),
      row('TABULAR', '24', 'COMMERCIAL', false, 'UNDER_1M', 2),
      row('TABULAR', null, 'RESEARCH', false, 'UNDER_1M', 1),
      row('SENSOR_TIME_SERIES', '10', 'COMMERCIAL', false, '10M_AND_MORE', 3),
    ]);
    expect(facets).toEqual({
      dataType: { SENSOR_TIME_SERIES: 3, TABULAR: 4, IMAGE: 1 },
      industryDivision: { '10': 3, '24': 4, NONE: 1 },
      processingSupported: { true: 1, false: 7 },
      priceRange: { UNDER_1M: 4, '5M_TO_10M': 1, '10M_AND_MORE': 3 },
      license: { COMMERCIAL: 6, RESEARCH: 2 },
    });
    // The order a reader sees the buckets in: data types and price ranges as the catalog lists them.
    expect(Object.keys(facets.dataType)).toEqual(['SENSOR_TIME_SERIES', 'TABULAR', 'IMAGE']);
    expect(Object.keys(facets.priceRange)).toEqual(['UNDER_1M', '5M_TO_10M', '10M_AND_MORE']);
    expect(totalOf(facets)).toBe(8);
  });
});
