import type { components } from '../api/openapi.gen.js';

type Me = components['schemas']['MeView'];

/** Who an area is offered to. */
export type Audience = 'anyone' | 'signedIn' | 'member' | 'admin' | 'evaluator' | 'operator';

export interface Area {
  path: string;
  /** The translation key of its name in the navigation. */
  label: string;
  audience: Audience;
  /**
   * The API routes the area's pages rely on ("METHOD /path" as the API registers them). A test
   * checks them against the API's access policy: an area is offered only to people every one of
   * these routes lets in.
   */
  needs: string[];
}

/** The areas of the app, in the order the navigation shows them. */
export const AREAS: Area[] = [
  { path: '/', label: 'nav.catalog', audience: 'anyone', needs: ['GET /api/products'] },
  {
    path: '/programs',
    label: 'nav.programs',
    audience: 'anyone',
    needs: ['GET /api/programs', 'GET /api/programs/:id'],
  },
  {
    path: '/processors',
    label: 'nav.processors',
    audience: 'anyone',
    needs: ['GET /api/processors', 'GET /api/processors/:organizationId'],
  },
  {
    path: '/applications',
    label: 'nav.applications',
    audience: 'member',
    needs: ['GET /api/organizations/:id/applications', 'GET /api/applications/:id'],
  },
  {
    path: '/projects',
    label: 'nav.projects',
    audience: 'member',
    needs: ['GET /api/organizations/:id/processing-projects', 'GET /api/processing-projects/:id'],
  },
  {
    path: '/purchases',
    label: 'nav.purchases',
    audience: 'member',
    needs: ['GET /api/organizations/:id/orders', 'GET /api/vouchers', 'GET /api/entitlements'],
  },
  {
    path: '/sell',
    label: 'nav.sell',
    audience: 'signedIn',
    needs: ['GET /api/organizations', 'POST /api/organizations'],
  },
  {
    path: '/evaluations',
    label: 'nav.evaluations',
    audience: 'evaluator',
    needs: [
      'GET /api/me/evaluations',
      'GET /api/applications/:id',
      'POST /api/applications/:id/evaluations',
    ],
  },
  {
    path: '/desk',
    label: 'nav.desk',
    audience: 'operator',
    needs: [
      'GET /api/programs',
      'POST /api/programs',
      'PATCH /api/programs/:id',
      'GET /api/programs/:id/conflicts',
      'GET /api/programs/:id/applications',
      'GET /api/programs/:id/ranking',
      'GET /api/programs/:id/budget',
      'POST /api/programs/:id/evaluators',
      'GET /api/programs/:id/evaluators',
      'GET /api/users',
      'PUT /api/users/:id/platform-roles',
      'POST /api/applications/:id/decision',
      'POST /api/programs/:id/select-passing',
      'POST /api/applications/:id/agreement',
      'POST /api/applications/:id/complete',
      'POST /api/applications/:id/cancel',
      'GET /api/processing-projects',
      'POST /api/processing-projects/:id/match',
      'GET /api/reports/desk',
      'GET /api/reports/exchange',
      'GET /api/reports/programs/:id',
      'GET /api/processors',
      'POST /api/processors/:organizationId/suspend',
      'POST /api/processors/:organizationId/reinstate',
      'GET /api/audit',
      'GET /api/organizations',
      'POST /api/organizations/:id/verification',
      'GET /api/orders',
      'POST /api/orders/:id/refund',
      'GET /api/payouts/owed',
      'GET /api/organizations/:id/payouts',
      'POST /api/organizations/:id/payouts',
    ],
  },
];

/** Whether this person (null: nobody signed in) is one the area is for. */
export function offeredTo(area: Area, me: Pick<Me, 'platformRoles' | 'memberships'> | null) {
  switch (area.audience) {
    case 'anyone':
      return true;
    case 'signedIn':
      return me !== null;
    case 'member':
      return (me?.memberships.length ?? 0) > 0;
    case 'admin':
      return !!me?.memberships.some((m) => m.role === 'admin');
    case 'evaluator':
      return !!me?.platformRoles.includes('evaluator');
    case 'operator':
      return !!me?.platformRoles.includes('operator');
  }
}
