import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { hydrate } from '@tanstack/react-query';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { App } from './app/App';
import { queryClient } from './app/query-client';
import { routes } from './app/routes';
import { readServerState } from './app/server-state';
import i18n, { ready } from './common/i18n';

const container = document.getElementById('root')!;
// A catalog page drawn by the server comes with the answers it was drawn from: the router and the
// cache start from them, so the search is not asked again. Without one, the router is created at
// once, and its loader starts the catalog's search before anything is drawn.
const drawn = readServerState();
if (drawn) hydrate(queryClient, drawn.queries);
const router = createBrowserRouter(
  routes(queryClient),
  drawn ? { hydrationData: { loaderData: drawn.loaderData } } : undefined,
);
const app = (
  <App queryClient={queryClient}>
    <RouterProvider router={router} />
  </App>
);

// Drawn once the reader's language is there (English is fetched first for those who chose it).
// The app takes over the server's page when it was drawn in that language, and draws its own if not.
void ready
  .catch(() => undefined) // Korean, if English could not be fetched
  .then(() => {
    if (drawn?.lang === i18n.language) return void hydrateRoot(container, app);
    container.replaceChildren();
    createRoot(container).render(app);
  });
