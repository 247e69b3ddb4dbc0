/**
 * The catalog drawn on the server, so that its first results and a working search box arrive
 * with the page instead of after the app's JavaScript has run (`vite build --ssr`, served by
 * src/platform/http/web-app.ts). The same routes and components as in the browser; each request
 * gets its own cache, and reaches the API over the server's own address.
 */
import { dehydrate, QueryClient } from '@tanstack/react-query';
import createClient from 'openapi-fetch';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import type { paths } from './api/openapi.gen';
import { App } from './app/App';
import { routes } from './app/routes';
import { serverStateBlock } from './app/server-state';
import { setMoneyLanguage } from './common/format';
import i18n, { type Language } from './common/i18n';
import { catalogQuery, queryOf } from './features/catalog/query';

i18n.addResourceBundle('en', 'translation', (await import('./common/i18n/en.json')).default);

export interface Rendered {
  /** The page's markup, for inside `<div id="root">`. */
  html: string;
  /** The data block the browser's app takes the page over with. */
  state: string;
}

/**
 * The catalog page at `url` (its search in the query string) in `lang`, asking the API at `origin`
 * with `headers` (the page request's id, so both show in the logs together).
 * Null when it cannot be drawn as the browser would draw it (the search failed, or the path is not
 * the catalog): the caller then sends the app's empty page, and the browser draws it.
 */
export async function renderCatalog(
  url: URL,
  origin: string,
  lang: Language,
  headers: Record<string, string> = {},
): Promise<Rendered | null> {
  if (url.pathname !== '/') return null;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = createClient<paths>({ baseUrl: origin, headers });
  const handler = createStaticHandler(routes(queryClient, client));
  const context = await handler.query(new Request(url));
  if (context instanceof Response) return null;
  const search = catalogQuery(queryOf(url.searchParams));
  if (queryClient.getQueryState(search.queryKey)?.status !== 'success') return null;
  const router = createStaticRouter(handler.dataRoutes, context);
  const t = i18n.cloneInstance({ lng: lang });
  setMoneyLanguage(lang);
  let html: string;
  try {
    html = renderToString(
      <I18nextProvider i18n={t}>
        <App queryClient={queryClient}>
          <StaticRouterProvider router={router} context={context} hydrate={false} />
        </App>
      </I18nextProvider>,
    );
  } finally {
    setMoneyLanguage('ko');
  }
  return {
    html,
    state: serverStateBlock({
      lang,
      queries: dehydrate(queryClient),
      loaderData: context.loaderData,
    }),
  };
}
