import type { QueryClient } from '@tanstack/react-query';
import type { RouteObject } from 'react-router';
import type { ApiClient } from '../common/api';
import * as catalog from '../features/catalog/CatalogPage';
import { catalogQuery, queryOf } from '../features/catalog/query';
import { licencesQuery } from '../common/licences';
import { Layout } from './Layout';
import { NotFound } from './NotFound';

/**
 * The catalog, the front page, is in the first bundle (no chunk waterfall before the first
 * results); every other area is its own chunk, loaded when first visited.
 * The catalog's search starts as soon as the router exists, before anything is drawn, so the
 * first render already has the results: one render of the page, not a skeleton and then another.
 * A failure is not the loader's to show: the page shows it from the same query. Nothing is drawn
 * before the router is ready (an empty hydrateFallbackElement), which is the blank page it was anyway.
 * The same routes render the catalog on the server (entry-server.tsx), with that request's own
 * cache and a client that reaches the API from there; the browser's router then takes over the
 * page (main.tsx) with the answers the server used, so nothing is asked twice.
 */
export const routes = (queryClient: QueryClient, client?: ApiClient): RouteObject[] => [
  {
    element: <Layout />,
    hydrateFallbackElement: <></>,
    children: [
      {
        index: true,
        Component: catalog.Component,
        loader: async ({ request }) => {
          await Promise.all([
            queryClient.prefetchQuery(
              catalogQuery(queryOf(new URL(request.url).searchParams), client),
            ),
            queryClient.prefetchQuery(licencesQuery(client)),
          ]);
          return null;
        },
        // A new search on the page is the page's own query (the old results stay while it runs).
        shouldRevalidate: ({ currentUrl, nextUrl }) => currentUrl.pathname !== nextUrl.pathname,
      },
      { path: 'products/:id', lazy: () => import('../features/product/ProductPage') },
      { path: 'checkout/:productId', lazy: () => import('../features/checkout/CheckoutPage') },
      { path: 'purchases', lazy: () => import('../features/purchases/PurchasesPage') },
      { path: 'sell', lazy: () => import('../features/sell/SellPage') },
      { path: 'sell/datasets/:id', lazy: () => import('../features/datasets/DatasetPage') },
      { path: 'sell/products/new', lazy: () => import('../features/sell/NewProductPage') },
      { path: 'sell/products/:id', lazy: () => import('../features/sell/ProductManagePage') },
      { path: 'programs', lazy: () => import('../features/programs/ProgramsPage') },
      { path: 'programs/:id', lazy: () => import('../features/programs/ProgramPage') },
      { path: 'applications', lazy: () => import('../features/applications/ApplicationsPage') },
      { path: 'applications/:id', lazy: () => import('../features/applications/ApplicationPage') },
      { path: 'projects', lazy: () => import('../features/projects/ProjectsPage') },
      { path: 'projects/:id', lazy: () => import('../features/projects/ProjectPage') },
      { path: 'processors', lazy: () => import('../features/processors/ProcessorsPage') },
      { path: 'processors/:id', lazy: () => import('../features/processors/ProcessorPage') },
      { path: 'evaluations', lazy: () => import('../features/evaluations/EvaluationsPage') },
      { path: 'desk', lazy: () => import('../features/desk/DeskPage') },
      { path: 'desk/programs/:id', lazy: () => import('../features/desk/DeskProgramPage') },
      { path: 'settings', lazy: () => import('../features/settings/SettingsPage') },
      { path: 'signin', lazy: () => import('../features/auth/SignInPage') },
      { path: 'signup', lazy: () => import('../features/auth/SignUpPage') },
      { path: 'forgot-password', lazy: () => import('../features/auth/ForgotPasswordPage') },
      { path: 'reset-password', lazy: () => import('../features/auth/ResetPasswordPage') },
      { path: '*', element: <NotFound /> },
    ],
  },
];
