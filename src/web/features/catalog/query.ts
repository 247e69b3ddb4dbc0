import type { operations } from '../../api/openapi.gen';
import { api, type ApiClient, ok } from '../../common/api';

export type Query = NonNullable<operations['CatalogController_search']['parameters']['query']>;

export const PAGE_SIZE = 12;
export const PRICE_BANDS: Record<string, [number | undefined, number | undefined]> = {
  UNDER_1M: [undefined, 999_999],
  '1M_TO_5M': [1_000_000, 4_999_999],
  '5M_TO_10M': [5_000_000, 9_999_999],
  '10M_AND_MORE': [10_000_000, undefined],
};

/** The search as the URL carries it, so a search can be shared and the back button works. */
export function queryOf(params: URLSearchParams): Query {
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  return {
    q: params.get('q') || undefined,
    dataType: (params.get('dataType') || undefined) as Query['dataType'],
    industryCode: params.get('industry') || undefined,
    license: params.get('licence') || undefined,
    minQuality: num('minQuality'),
    minPriceKrw: num('minPrice'),
    maxPriceKrw: num('maxPrice'),
    processingSupported: params.get('supported') === 'true' ? true : undefined,
    sort: (params.get('sort') || undefined) as Query['sort'],
    page: num('page') ?? 1,
    pageSize: PAGE_SIZE,
  };
}

/**
 * The catalog search as TanStack Query runs it; the app starts it before the page's code arrives.
 * The server renders the first page with its own client (entry-server.tsx), under the same key.
 */
export function catalogQuery(query: Query, client: ApiClient = api) {
  return {
    queryKey: ['products', query],
    queryFn: () => ok(client.GET('/api/products', { params: { query } })),
    // The prefetched answer serves the page's first render; a search a minute old is asked again.
    staleTime: 60_000,
  };
}
