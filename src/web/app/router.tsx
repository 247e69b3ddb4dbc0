import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { NotFound } from './NotFound';

/** Each area is its own chunk: the catalog loads without the seller's uploader or checkout. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, lazy: () => import('../features/catalog/CatalogPage') },
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
