/**
 * The API answers under /api; the web app owns every other path. GET /health answers at both
 * /health (for load balancers and orchestrators) and /api/health.
 */
export const API_PREFIX = 'api';
export const OUTSIDE_PREFIX = ['health'];

/** The public path of a route declared as `path` (with or without its leading slash). */
export function apiPath(path: string): string {
  const bare = path.replace(/^\//, '');
  return OUTSIDE_PREFIX.includes(bare) ? `/${bare}` : `/${API_PREFIX}/${bare}`;
}
