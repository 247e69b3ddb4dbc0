import { AREAS, offeredTo } from '../../src/web/app/navigation.js';
import { ACCESS, type Caller, CALLERS } from '../support/access-policy.js';

/**
 * The web app's navigation offers an area only to people the API lets into every route the
 * area's pages use. The people are the access matrix's kinds of caller, as the app sees them.
 */
const AS_SEEN: Record<Caller, Parameters<typeof offeredTo>[1]> = {
  anonymous: null,
  outsider: { platformRoles: [], memberships: [] },
  member: {
    platformRoles: [],
    memberships: [{ organizationId: 'o', organizationName: '회원사', role: 'member' }],
  },
  admin: {
    platformRoles: [],
    memberships: [{ organizationId: 'o', organizationName: '회원사', role: 'admin' }],
  },
  evaluator: { platformRoles: ['evaluator'], memberships: [] },
  operator: { platformRoles: ['operator'], memberships: [] },
};

describe("the web app's navigation and the API's access policy", () => {
  it('names only routes the API has', () => {
    const unknown = AREAS.flatMap((a) => a.needs).filter((route) => !ACCESS[route]);
    expect(unknown).toEqual([]);
  });

  it.each(AREAS.map((a) => [a.path, a] as const))(
    '%s is offered only to callers every route it uses lets in, and to someone',
    (_path, area) => {
      const offered = CALLERS.filter((c) => offeredTo(area, AS_SEEN[c]));
      const refusedSomewhere = offered.filter((c) =>
        area.needs.some((route) => !ACCESS[route].includes(c)),
      );
      expect(refusedSomewhere).toEqual([]);
      expect(offered.length).toBeGreaterThan(0);
    },
  );

  it('offers each role its own area', () => {
    const names = (c: Caller) => AREAS.filter((a) => offeredTo(a, AS_SEEN[c])).map((a) => a.path);
    expect(names('anonymous')).toEqual(['/', '/programs', '/processors']);
    expect(names('evaluator')).toContain('/evaluations');
    expect(names('operator')).toContain('/desk');
    expect(names('admin')).toEqual(
      expect.arrayContaining(['/applications', '/sell', '/purchases']),
    );
    expect(names('outsider')).not.toContain('/desk');
  });
});
