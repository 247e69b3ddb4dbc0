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

  it('adds the filtered counts of every industry group into the facets and the total', () => {
    const facets = facetCounts([
      {
        division: '24',
        n: 4,
        'dataType:TABULAR': 3,
        'dataType:IMAGE': 1,
        'processingSupported:true': 1,
        'processingSupported:false': 3,
        'priceRange:UNDER_1M': 4,
      },
      { division: null, licence: 'COMMERCIAL', byLicence: true, n: 3, 'dataType:TABULAR': 3 },
      { division: null, licence: 'RESEARCH', byLicence: true, n: 2, 'dataType:TABULAR': 1 },
      {
        division: null,
        n: 1,
        'dataType:TABULAR': 1,
        'dataType:IMAGE': 0,
        'processingSupported:true': 0,
        'processingSupported:false': 1,
        'priceRange:UNDER_1M': 1,
      },
    ]);
    expect(facets).toEqual({
      dataType: { TABULAR: 4, IMAGE: 1 },
      industryDivision: { '24': 4, NONE: 1 },
      processingSupported: { true: 1, false: 4 },
      priceRange: { UNDER_1M: 5 },
      license: { COMMERCIAL: 3, RESEARCH: 2 },
    });
    expect(totalOf(facets)).toBe(5);
  });
});
