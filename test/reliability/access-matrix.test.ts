import {
  addMember,
  createOrganization,
  openProgram,
  operator,
  selectedApplication,
  signUp,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import { recordFigures } from '../support/figures.js';
import { listedKampProduct, processingAgreement, purchaseAgreement } from '../support/market.js';
import { listRoutes, type RouteInfo } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route x every kind of caller, asserting who gets in. The table below is the access policy
 * written out by hand (it agrees with the README's routes table); the test walks the routes the
 * application really registers, so a new route without a line here fails, and so does a line for
 * a route that is gone.
 *
 * "Gets in" means the request passed the access checks: any answer but 401, 403 or 404. The
 * probes send a body with one unknown field, so a caller let into a write route is stopped by
 * validation (400) and changes nothing; routes that read are called as they are. Callers who
 * should be refused are tried first, so a write that does get through cannot hide a refusal.
 */

const CALLERS = ['anonymous', 'outsider', 'member', 'admin', 'evaluator', 'operator'] as const;
type Caller = (typeof CALLERS)[number];
/** Whose route it is: the organization that "member" and "admin" belong to. */
type Side = 'owner' | 'processor' | 'buyer';

const ALL: Caller[] = [...CALLERS];
const SIGNED_IN: Caller[] = ['outsider', 'member', 'admin', 'evaluator', 'operator'];
const OPERATOR: Caller[] = ['operator'];
const MEMBERS: Caller[] = ['member', 'admin'];
const MEMBERS_AND_OPERATOR: Caller[] = ['member', 'admin', 'operator'];
const ADMIN: Caller[] = ['admin'];
const ADMIN_AND_OPERATOR: Caller[] = ['admin', 'operator'];
const REVIEWERS: Caller[] = ['evaluator', 'operator'];
/** The person an invitation is addressed to (here the outsider), and nobody else. */
const INVITEE: Caller[] = ['outsider'];

interface World {
  ids: Record<string, string>;
}

interface Probe {
  who: Caller[];
  /** The organization the route acts for (default: the data owner). */
  side?: Side;
  /** A concrete URL, where the generic one (below) does not fit. */
  url?: (w: World) => string;
  /** The body to send instead of the probe body (for routes whose scoping is in the service). */
  body?: (w: World, side: Side) => object;
  /** Make a fresh target for each caller (routes that remove what they name). */
  fresh?: (w: World) => Promise<string>;
}

const POLICY: Record<string, Probe> = {
  'POST /auth/signup': { who: ALL },
  'POST /auth/login': { who: ALL },
  'POST /auth/refresh': { who: ALL },
  'POST /auth/logout': { who: SIGNED_IN },
  'GET /me': { who: SIGNED_IN },
  'GET /users': { who: OPERATOR },
  'PUT /users/:id/platform-roles': { who: OPERATOR },

  'POST /organizations': { who: SIGNED_IN },
  'GET /organizations': { who: SIGNED_IN },
  'GET /organizations/:id': { who: MEMBERS_AND_OPERATOR },
  'GET /organizations/:id/members': { who: MEMBERS_AND_OPERATOR },
  'POST /organizations/:id/invitations': { who: ADMIN },
  'GET /organizations/:id/invitations': { who: ADMIN },
  'POST /organizations/:id/invitations/:invitationId/revoke': {
    who: ADMIN,
    fresh: (w) => pendingInvitation(w),
  },
  'POST /organizations/:id/leave': { who: MEMBERS, fresh: () => orgToLeave() },
  'GET /me/invitations': { who: SIGNED_IN },
  'POST /invitations/:id/accept': { who: INVITEE, fresh: () => invitationToOutsider('accept') },
  'POST /invitations/:id/decline': { who: INVITEE, fresh: () => invitationToOutsider('decline') },
  'PATCH /organizations/:id/members/:userId': { who: ADMIN },
  'DELETE /organizations/:id/members/:userId': { who: ADMIN, fresh: (w) => extraMember(w) },
  'POST /organizations/:id/verification': { who: OPERATOR },
  'GET /organizations/:id/verifications': { who: MEMBERS_AND_OPERATOR },
  'POST /organizations/:id/related-organizations': { who: OPERATOR },
  'GET /organizations/:id/related-organizations': { who: OPERATOR },
  'GET /organizations/:id/eligibility': {
    who: MEMBERS_AND_OPERATOR,
    url: (w) => `/organizations/${w.ids.owner}/eligibility?programId=${w.ids.program}`,
  },
  'GET /organizations/:id/applications': { who: MEMBERS_AND_OPERATOR },
  'GET /organizations/:id/datasets': { who: MEMBERS_AND_OPERATOR },
  'GET /organizations/:id/products': { who: MEMBERS_AND_OPERATOR },
  'GET /organizations/:id/orders': { who: MEMBERS_AND_OPERATOR, side: 'buyer' },
  'GET /organizations/:id/payouts': { who: MEMBERS_AND_OPERATOR },
  'POST /organizations/:id/payouts': { who: OPERATOR },

  'GET /excluded-industries': { who: ALL },
  'PUT /excluded-industries/:code': { who: OPERATOR },
  'DELETE /excluded-industries/:code': {
    who: OPERATOR,
    url: (w) => `/excluded-industries/${w.ids.excludedCode}`,
  },

  'POST /programs': { who: OPERATOR },
  'GET /programs': { who: ALL },
  'GET /programs/:id': { who: ALL },
  'GET /programs/:id/budget': { who: OPERATOR },
  'GET /programs/:id/ranking': { who: OPERATOR },
  'POST /programs/:id/evaluators': { who: OPERATOR },
  'GET /programs/:id/evaluators': { who: OPERATOR },
  'DELETE /programs/:id/evaluators/:userId': {
    who: OPERATOR,
    url: (w) => `/programs/${w.ids.program}/evaluators/${w.ids.spareEvaluator}`,
  },
  'POST /programs/:id/decisions': { who: OPERATOR },
  'POST /programs/:id/select-passing': { who: OPERATOR },
  'POST /programs/:id/applications': { who: ADMIN },
  'GET /programs/:id/applications': { who: REVIEWERS },

  'GET /applications/:id': { who: ['member', 'admin', 'evaluator', 'operator'] },
  'PATCH /applications/:id': { who: ADMIN },
  'POST /applications/:id/submit': { who: ADMIN },
  'POST /applications/:id/withdraw': { who: ADMIN },
  'POST /applications/:id/evaluations': { who: REVIEWERS },
  'POST /applications/:id/decision': { who: OPERATOR },
  'POST /applications/:id/agreement': { who: OPERATOR },
  'POST /applications/:id/complete': { who: OPERATOR },
  'POST /applications/:id/cancel': { who: OPERATOR },

  'GET /processors': { who: ALL },
  'GET /processors/:organizationId': { who: ALL, side: 'processor' },
  'PATCH /processors/:organizationId': { who: ADMIN, side: 'processor' },
  'POST /processors/:organizationId/suspend': { who: OPERATOR, side: 'processor' },
  'POST /processors/:organizationId/reinstate': { who: OPERATOR, side: 'processor' },

  'POST /datasets': { who: MEMBERS },
  'GET /datasets/:id': { who: MEMBERS_AND_OPERATOR },
  'POST /datasets/:id/versions': { who: MEMBERS },
  'GET /datasets/:id/versions/:version': { who: MEMBERS_AND_OPERATOR },
  'POST /datasets/:id/versions/:version/files': { who: MEMBERS },
  'DELETE /datasets/:id/versions/:version/files/:fileId': { who: MEMBERS },
  'POST /datasets/:id/versions/:version/seal': { who: MEMBERS },
  'GET /datasets/:id/versions/:version/quality-report': { who: MEMBERS_AND_OPERATOR },
  'GET /datasets/:id/versions/:version/previews/:fileId': { who: MEMBERS_AND_OPERATOR },
  'POST /uploads/:uploadId/complete': { who: MEMBERS },
  'DELETE /uploads/:uploadId': { who: MEMBERS, fresh: (w) => freshUpload(w) },

  'GET /products': { who: ALL },
  'POST /products': { who: MEMBERS },
  'GET /products/:id': { who: ALL },
  'GET /products/:id/samples/:fileId': { who: ALL },
  'PATCH /products/:id': { who: MEMBERS },
  'GET /products/:id/pricing-guide': { who: MEMBERS_AND_OPERATOR },
  'POST /products/:id/publish': { who: MEMBERS },
  'POST /products/:id/delist': { who: MEMBERS_AND_OPERATOR },
  'POST /products/:id/revisions': { who: MEMBERS },
  'GET /licences': { who: ALL },
  'PUT /licences/:code': { who: OPERATOR, url: () => '/licences/COMMERCIAL' },

  'GET /vouchers': { who: SIGNED_IN, side: 'buyer' },
  'GET /vouchers/:id': { who: MEMBERS_AND_OPERATOR, side: 'buyer' },
  'POST /orders/quote': {
    who: MEMBERS,
    side: 'buyer',
    body: (w) => ({ productId: w.ids.product, voucherId: w.ids.voucher }),
  },
  'POST /orders': { who: MEMBERS, side: 'buyer' },
  'GET /orders/:id': { who: MEMBERS_AND_OPERATOR, side: 'buyer' },
  'POST /orders/:id/cancel': { who: MEMBERS, side: 'buyer' },
  'POST /orders/:id/refund': { who: OPERATOR, side: 'buyer' },
  'POST /payments/stripe/webhook': { who: ALL },
  'GET /entitlements': {
    who: MEMBERS,
    side: 'buyer',
    url: (w) => `/entitlements?organizationId=${w.ids.buyer}`,
  },
  'GET /products/:id/download': {
    who: MEMBERS,
    side: 'buyer',
    url: (w) => `/products/${w.ids.product}/download?organizationId=${w.ids.buyer}`,
  },

  'GET /processing-projects/:id': { who: MEMBERS_AND_OPERATOR },
  'POST /processing-projects/:id/match': { who: OPERATOR },
  'POST /processing-projects/:id/raw-data': { who: ADMIN },
  'GET /processing-projects/:id/raw-data/:datasetId/versions/:version/download': {
    who: MEMBERS,
    side: 'processor',
  },
  'POST /processing-projects/:id/own-share/payment': { who: ADMIN },
  'POST /processing-projects/:id/in-kind': { who: ADMIN },
  'POST /processing-projects/:id/milestones/:milestone/submit': { who: MEMBERS, side: 'processor' },
  'POST /processing-projects/:id/milestones/:milestone/accept': { who: ADMIN_AND_OPERATOR },
  'POST /processing-projects/:id/milestones/:milestone/return': { who: ADMIN_AND_OPERATOR },

  'GET /reports/programs/:id': { who: OPERATOR },
  'GET /reports/exchange': { who: OPERATOR },
  'GET /audit': { who: OPERATOR },
  'GET /health': { who: ALL },
};

let t: TestApp;
let users: Record<'operator' | 'evaluator' | 'outsider', TestUser>;
let parties: Record<Side, { admin: TestUser; member: TestUser; orgId: string }>;

async function extraMember(w: World): Promise<string> {
  const extra = await signUp(t, '임시구성원');
  await addMember(t, parties.owner.admin, w.ids.owner, extra);
  return `/organizations/${w.ids.owner}/members/${extra.id}`;
}

/** A throwaway organization of the owner's admin, with the owner's member in it: theirs to leave. */
async function orgToLeave(): Promise<string> {
  const { id } = await createOrganization(t, parties.owner.admin, {
    representativeName: `떠날${Math.random()}`,
  });
  await addMember(t, parties.owner.admin, id, parties.owner.member);
  return `/organizations/${id}/leave`;
}

/** An invitation to the outsider, from a throwaway organization: only the outsider may answer it. */
async function invitationToOutsider(action: 'accept' | 'decline'): Promise<string> {
  const { id } = await createOrganization(t, parties.owner.admin, {
    representativeName: `초대${Math.random()}`,
  });
  const invitation = await t
    .http()
    .post(`/organizations/${id}/invitations`)
    .set(parties.owner.admin.auth)
    .send({ email: users.outsider.email, role: 'member' })
    .expect(201);
  return `/invitations/${invitation.body.id}/${action}`;
}

/** A pending invitation of the owner organization, to revoke. */
async function pendingInvitation(w: World): Promise<string> {
  const invitation = await t
    .http()
    .post(`/organizations/${w.ids.owner}/invitations`)
    .set(parties.owner.admin.auth)
    .send({ email: `probe-${Math.random().toString(36).slice(2)}@test.local`, role: 'member' })
    .expect(201);
  return `/organizations/${w.ids.owner}/invitations/${invitation.body.id}/revoke`;
}

async function freshUpload(w: World): Promise<string> {
  const res = await t
    .http()
    .post(`/datasets/${w.ids.dataset}/versions/${w.ids.draftVersion}/files`)
    .set(parties.owner.admin.auth)
    .send({
      name: `probe-${Math.random().toString(36).slice(2)}.csv`,
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
      contentType: 'text/csv',
    })
    .expect(201);
  return `/uploads/${res.body.uploadId}`;
}

/** The generic URL of a route: each parameter becomes the id of the world's thing of that name. */
function urlOf(route: RouteInfo, w: World, side: Side): string {
  const resource = route.path.split('/')[1];
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'version') return '1';
    if (name === 'milestone') return 'PROCESSING';
    if (name === 'code') return '91291';
    if (name === 'organizationId') return w.ids[side];
    if (name === 'userId') return parties[side].member.id;
    if (name === 'uploadId') return w.ids.upload;
    if (name === 'fileId') return w.ids.file;
    if (name === 'datasetId') return w.ids.dataset;
    const byResource: Record<string, string> = {
      organizations: w.ids[side],
      programs: w.ids.program,
      reports: w.ids.program,
      applications: w.ids.application,
      datasets: w.ids.dataset,
      products: w.ids.product,
      'processing-projects': w.ids.project,
      vouchers: w.ids.voucher,
      orders: w.ids.order,
      users: users.evaluator.id,
    };
    const id = byResource[resource];
    if (!id) throw new Error(`no id in the world for :${name} of ${route.path}`);
    return id;
  });
}

/** A body that passes the access checks of the route (they may read ids from it) and then fails validation. */
function probeBody(w: World, side: Side): object {
  return {
    accessMatrixProbe: true,
    organizationId: w.ids[side],
    datasetId: w.ids.dataset,
  };
}

describe('access matrix: every route x every kind of caller', () => {
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    const op = await operator(t);
    const party = async (fields: Record<string, unknown>) => {
      const { admin, org } = await verifiedOrganization(t, op, {
        representativeName: `대표${Math.random()}`,
        ...fields,
      });
      const member = await signUp(t, '구성원');
      await addMember(t, admin, org.id, member);
      return { admin, member, orgId: org.id };
    };
    const owner = await party({ name: '용해제조', industryCode: '24311' });
    const processor = await party({ name: '가공랩', industryCode: '62010' });
    const buyer = await party({ name: '대학연구실', category: 'NONPROFIT', industryCode: '72111' });
    parties = { owner, processor, buyer };
    const outsider = await party({ name: '무관기업', industryCode: '29294' });
    const evaluator = await signUp(t, '평가위원');
    const spare = await signUp(t, '예비평가위원');
    for (const u of [evaluator, spare])
      await t
        .http()
        .put(`/users/${u.id}/platform-roles`)
        .set(op.auth)
        .send({ roles: ['evaluator'] })
        .expect(200);
    users = { operator: op, evaluator, outsider: outsider.member };

    const pool = await openProgram(t, op, 'PROCESSOR_POOL');
    await selectedApplication(t, op, processor.admin, pool.id, processor.orgId, 'PROCESSOR_POOL');
    const call = await openProgram(t, op, 'PROCESSING_SUPPORT');
    for (const u of [evaluator, spare])
      await t
        .http()
        .post(`/programs/${call.id}/evaluators`)
        .set(op.auth)
        .send({ userId: u.id })
        .expect(201);
    const application = await selectedApplication(
      t,
      op,
      owner.admin,
      call.id,
      owner.orgId,
      'PROCESSING_SUPPORT',
    );
    const project = await processingAgreement(t, op, application, -1);
    await t
      .http()
      .post(`/processing-projects/${project}/match`)
      .set(op.auth)
      .send({ processorOrganizationId: processor.orgId })
      .expect(201);

    const listed = await listedKampProduct(t, {
      priceKrw: 3_000_000,
      license: 'RESEARCH_ONLY',
      seller: owner.admin,
      organizationId: owner.orgId,
    });
    await t
      .http()
      .post(`/processing-projects/${project}/raw-data`)
      .set(owner.admin.auth)
      .send({ datasetId: listed.datasetId })
      .expect(201);
    const draft = await t
      .http()
      .post(`/datasets/${listed.datasetId}/versions`)
      .set(owner.admin.auth)
      .send({})
      .expect(201);

    const purchase = await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 250_000_000 });
    const buying = await selectedApplication(
      t,
      op,
      buyer.admin,
      purchase.id,
      buyer.orgId,
      'PURCHASE_SUPPORT',
    );
    const voucherId = await purchaseAgreement(t, op, buying, {
      governmentKrw: 6_000_000,
      totalCostKrw: 6_000_000,
    });
    const order = await t
      .http()
      .post('/orders')
      .set(buyer.admin.auth)
      .send({
        productId: listed.productId,
        voucherId,
        organizationId: buyer.orgId,
        expectedPriceKrw: 3_000_000,
      })
      .expect(201);
    expect(order.body.status).toBe('PAID');

    const upload = await t
      .http()
      .post(`/datasets/${listed.datasetId}/versions/${draft.body.version}/files`)
      .set(owner.admin.auth)
      .send({ name: 'later.csv', sizeBytes: 10, sha256: 'b'.repeat(64), contentType: 'text/csv' })
      .expect(201);
    const excluded = await t
      .http()
      .put('/excluded-industries/91292')
      .set(op.auth)
      .send({ name: '시험용 업종', reason: '접근 시험' });
    expect(excluded.status).toBeLessThan(300);

    world = {
      ids: {
        owner: owner.orgId,
        processor: processor.orgId,
        buyer: buyer.orgId,
        program: call.id,
        application,
        project,
        dataset: listed.datasetId,
        draftVersion: String(draft.body.version),
        file: listed.fileId,
        upload: upload.body.uploadId,
        product: listed.productId,
        voucher: voucherId,
        order: order.body.id,
        spareEvaluator: spare.id,
        excludedCode: '91292',
      },
    };
  }, 120_000);
  afterAll(() => t.close());

  it('has a line for every route the application registers, and none for a route that is gone', () => {
    const registered = listRoutes(t.app).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(registered.filter((k) => !POLICY[k])).toEqual([]);
    expect(Object.keys(POLICY).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it('lets in exactly the callers the policy names, on every route', async () => {
    const token = (caller: Caller, side: Side) =>
      caller === 'anonymous'
        ? undefined
        : caller === 'member' || caller === 'admin'
          ? parties[side][caller].accessToken
          : users[caller].accessToken;
    const mismatches: string[] = [];
    let requests = 0;
    for (const route of listRoutes(t.app)) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const probe = POLICY[key];
      const side = probe.side ?? 'owner';
      // Refused callers first: a write that gets through must not mask a refusal after it.
      const order = [
        ...CALLERS.filter((c) => !probe.who.includes(c)),
        ...CALLERS.filter((c) => probe.who.includes(c)),
      ];
      const seen: Partial<Record<Caller, number>> = {};
      for (const caller of order) {
        const url = probe.fresh
          ? await probe.fresh(world)
          : (probe.url?.(world) ?? urlOf(route, world, side));
        let req = t.http()[route.method as 'get'](url);
        const bearer = token(caller, side);
        if (bearer) req = req.set('Authorization', `Bearer ${bearer}`);
        const res = await (route.method === 'get'
          ? req
          : req.send(probe.body?.(world, side) ?? probeBody(world, side)));
        requests++;
        seen[caller] = res.status;
        if (res.status >= 500) mismatches.push(`${key}: ${caller} got ${res.status}`);
      }
      const admitted = CALLERS.filter((c) => ![401, 403, 404].includes(seen[c]!));
      if (admitted.join() !== CALLERS.filter((c) => probe.who.includes(c)).join())
        mismatches.push(
          `${key}: expected [${probe.who.join(', ')}], let in [${admitted.join(', ')}] (${CALLERS.map((c) => `${c} ${seen[c]}`).join(', ')})`,
        );
    }
    recordFigures('access matrix', {
      requests,
      fiveHundreds: mismatches.filter((m) => / got 5/.test(m)).length,
    });
    expect(mismatches).toEqual([]);
  });
});
