import { createBrowserRouter } from 'react-router';
import * as catalog from '../features/catalog/CatalogPage';
import { Layout } from './Layout';
import { NotFound } from './NotFound';

/**
 * The catalog, the front page, is in the first bundle (no chunk waterfall before the first
 * results); every other area is its own chunk, loaded when first visited.
 */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, Component: catalog.Component },
      { path: 'products/:id', lazy: () => import('../features/product/ProductPage') },
      { path: 'checkout/:productId', lazy: () => import('../features/checkout/CheckoutPage') },
      { path: 'purchases', lazy: () => import('../features/purchases/PurchasesPage') },
      { path: 'sell', lazy: () => import('../features/sell/SellPage') },
      { path: 'sell/datasets/:id', lazy: () => import('../features/datasets/DatasetPage') },
      { path: 'sell/products/new', lazy: () => import('../features/sell/NewProductPage') },
      { path: 'sell/products/:id', lazy: () => import('../features/sell/ProductManagePage') },
      { path: 'signin', lazy: () => import('../features/auth/SignInPage') },
      { path: 'signup', lazy: () => import('../features/auth/SignUpPage') },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
