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
import { ACCESS, type Caller, CALLERS, type Side } from '../support/access-policy.js';
import { recordFigures } from '../support/figures.js';
import { eventually } from '../support/eventually.js';
import { listedKampProduct, processingAgreement, purchaseAgreement } from '../support/market.js';
import { listRoutes, type RouteInfo } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route x every kind of caller, asserting who gets in. The access policy is written out by
 * hand in support/access-policy.ts (it agrees with the README's routes table); the test walks the routes the
 * application really registers, so a new route without a line here fails, and so does a line for
 * a route that is gone.
 *
 * "Gets in" means the request passed the access checks: any answer but 401, 403 or 404. The
 * probes send a body with one unknown field, so a caller let into a write route is stopped by
 * validation (400) and changes nothing; routes that read are called as they are. Callers who
 * should be refused are tried first, so a write that does get through cannot hide a refusal.
 */

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
  /** A target of the caller's own (routes on what belongs to one person): its user id given. */
  own?: (userId: string | undefined) => Promise<string>;
}

/** How to probe a route, where the generic probe does not fit. */
const PROBES: Record<string, Omit<Probe, 'who'>> = {
  'POST /api/organizations/:id/invitations/:invitationId/revoke': {
    fresh: (w) => pendingInvitation(w),
  },
  'POST /api/organizations/:id/leave': { fresh: () => orgToLeave() },
  'POST /api/invitations/:id/accept': { fresh: () => invitationToOutsider('accept') },
  'POST /api/invitations/:id/decline': { fresh: () => invitationToOutsider('decline') },
  'DELETE /api/organizations/:id/members/:userId': { fresh: (w) => extraMember(w) },
  'POST /api/me/notifications/:id/read': { own: (userId) => ownNotification(userId) },
  'DELETE /api/organizations/:id/webhook-endpoints/:endpointId': {
    fresh: (w) => freshEndpoint(w),
  },
  'GET /api/organizations/:id/eligibility': {
    url: (w) => `/api/organizations/${w.ids.owner}/eligibility?programId=${w.ids.program}`,
  },
  'GET /api/organizations/:id/orders': { side: 'buyer' },
  'DELETE /api/excluded-industries/:code': {
    url: (w) => `/api/excluded-industries/${w.ids.excludedCode}`,
  },
  'DELETE /api/programs/:id/evaluators/:userId': {
    url: (w) => `/api/programs/${w.ids.program}/evaluators/${w.ids.spareEvaluator}`,
  },
  'GET /api/processors/:organizationId': { side: 'processor' },
  'PATCH /api/processors/:organizationId': { side: 'processor' },
  'POST /api/processors/:organizationId/suspend': { side: 'processor' },
  'POST /api/processors/:organizationId/reinstate': { side: 'processor' },
  'DELETE /api/uploads/:uploadId': { fresh: (w) => freshUpload(w) },
  'PUT /api/licences/:code': { url: () => '/api/licences/COMMERCIAL' },
  'GET /api/vouchers': { side: 'buyer' },
  'GET /api/vouchers/:id': { side: 'buyer' },
  'POST /api/orders/quote': {
    side: 'buyer',
    body: (w) => ({ productId: w.ids.product, voucherId: w.ids.voucher }),
  },
  'POST /api/orders': { side: 'buyer' },
  'GET /api/orders/:id': { side: 'buyer' },
  'POST /api/orders/:id/cancel': { side: 'buyer' },
  'POST /api/orders/:id/refund': { side: 'buyer' },
  'GET /api/entitlements': {
    side: 'buyer',
    url: (w) => `/api/entitlements?organizationId=${w.ids.buyer}`,
  },
  'GET /api/products/:id/download': {
    side: 'buyer',
    url: (w) => `/api/products/${w.ids.product}/download?organizationId=${w.ids.buyer}`,
  },
  'GET /api/processing-projects/:id/raw-data/:datasetId/versions/:version/download': {
    side: 'processor',
  },
  'POST /api/processing-projects/:id/milestones/:milestone/submit': { side: 'processor' },
};

const POLICY: Record<string, Probe> = Object.fromEntries(
  Object.entries(ACCESS).map(([route, who]) => [route, { who: [...who], ...PROBES[route] }]),
);

let t: TestApp;
let users: Record<'operator' | 'evaluator' | 'outsider', TestUser>;
let parties: Record<Side, { admin: TestUser; member: TestUser; orgId: string }>;

async function extraMember(w: World): Promise<string> {
  const extra = await signUp(t, '임시구성원');
  await addMember(t, parties.owner.admin, w.ids.owner, extra);
  return `/api/organizations/${w.ids.owner}/members/${extra.id}`;
}

/** A throwaway organization of the owner's admin, with the owner's member in it: theirs to leave. */
async function orgToLeave(): Promise<string> {
  const { id } = await createOrganization(t, parties.owner.admin, {
    representativeName: `떠날${Math.random()}`,
  });
  await addMember(t, parties.owner.admin, id, parties.owner.member);
  return `/api/organizations/${id}/leave`;
}

/** An invitation to the outsider, from a throwaway organization: only the outsider may answer it. */
async function invitationToOutsider(action: 'accept' | 'decline'): Promise<string> {
  const { id } = await createOrganization(t, parties.owner.admin, {
    representativeName: `초대${Math.random()}`,
  });
  const invitation = await t
    .http()
    .post(`/api/organizations/${id}/invitations`)
    .set(parties.owner.admin.auth)
    .send({ email: users.outsider.email, role: 'member' })
    .expect(201);
  return `/api/invitations/${invitation.body.id}/${action}`;
}

/** A notification of the caller's own (anyone else's for a caller with no account). */
async function ownNotification(userId: string | undefined): Promise<string> {
  const [row] = await t.dataSource.query(
    `INSERT INTO notifications (user_id, kind, event_id, title_ko, title_en)
     VALUES ($1, 'test', (SELECT coalesce(max(event_id), 0) + 1 FROM notifications), '시험', 'Test') RETURNING id`,
    [userId ?? users.operator.id],
  );
  return `/api/me/notifications/${row.id}/read`;
}

/** A pending invitation of the owner organization, to revoke. */
async function pendingInvitation(w: World): Promise<string> {
  const invitation = await t
    .http()
    .post(`/api/organizations/${w.ids.owner}/invitations`)
    .set(parties.owner.admin.auth)
    .send({ email: `probe-${Math.random().toString(36).slice(2)}@test.local`, role: 'member' })
    .expect(201);
  return `/api/organizations/${w.ids.owner}/invitations/${invitation.body.id}/revoke`;
}

async function freshEndpoint(w: World): Promise<string> {
  const res = await t
    .http()
    .post(`/api/organizations/${w.ids.owner}/webhook-endpoints`)
    .set(parties.owner.admin.auth)
    .send({ url: 'https://erp.example.kr/hooks', events: ['order.paid'] })
    .expect(201);
  return `/api/organizations/${w.ids.owner}/webhook-endpoints/${res.body.id}`;
}

async function freshUpload(w: World): Promise<string> {
  const res = await t
    .http()
    .post(`/api/datasets/${w.ids.dataset}/versions/${w.ids.draftVersion}/files`)
    .set(parties.owner.admin.auth)
    .send({
      name: `probe-${Math.random().toString(36).slice(2)}.csv`,
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
      contentType: 'text/csv',
    })
    .expect(201);
  return `/api/uploads/${res.body.uploadId}`;
}

/** The generic URL of a route: each parameter becomes the id of the world's thing of that name. */
function urlOf(route: RouteInfo, w: World, side: Side): string {
  const resource = route.path.replace(/^\/api/, '').split('/')[1];
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'version') return '1';
    if (name === 'milestone') return 'PROCESSING';
    if (name === 'code') return '91291';
    if (name === 'organizationId') return w.ids[side];
    if (name === 'userId') return parties[side].member.id;
    if (name === 'uploadId') return w.ids.upload;
    if (name === 'fileId') return w.ids.file;
    if (name === 'datasetId') return w.ids.dataset;
    if (name === 'endpointId') return w.ids.endpoint;
    if (name === 'deliveryId') return w.ids.delivery;
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
      'access-requests': w.ids.accessRequest,
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
        .put(`/api/users/${u.id}/platform-roles`)
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
        .post(`/api/programs/${call.id}/evaluators`)
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
      .post(`/api/processing-projects/${project}/match`)
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
      .post(`/api/processing-projects/${project}/raw-data`)
      .set(owner.admin.auth)
      .send({ datasetId: listed.datasetId })
      .expect(201);
    const draft = await t
      .http()
      .post(`/api/datasets/${listed.datasetId}/versions`)
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
    // A webhook endpoint of the owner that hears of the sale below (to a port nobody answers).
    const endpoint = await t
      .http()
      .post(`/api/organizations/${owner.orgId}/webhook-endpoints`)
      .set(owner.admin.auth)
      .send({ url: 'http://127.0.0.1:9/hooks', events: ['product.sold'] })
      .expect(201);
    const order = await t
      .http()
      .post('/api/orders')
      .set(buyer.admin.auth)
      .send({
        productId: listed.productId,
        voucherId,
        organizationId: buyer.orgId,
        expectedPriceKrw: 3_000_000,
      })
      .expect(201);
    expect(order.body.status).toBe('PAID');
    // From now on the owner vets its buyers; the buyer asked and was approved.
    await t
      .http()
      .patch(`/api/products/${listed.productId}`)
      .set(owner.admin.auth)
      .send({ approvalRequired: true })
      .expect(200);
    const asked = await t
      .http()
      .post(`/api/products/${listed.productId}/access-requests`)
      .set(buyer.admin.auth)
      .send({ organizationId: buyer.orgId, intendedUse: '접근 시험에 쓰는 이용 목적입니다.' })
      .expect(201);
    await t
      .http()
      .post(`/api/access-requests/${asked.body.id}/approve`)
      .set(owner.admin.auth)
      .expect(201);

    const upload = await t
      .http()
      .post(`/api/datasets/${listed.datasetId}/versions/${draft.body.version}/files`)
      .set(owner.admin.auth)
      .send({ name: 'later.csv', sizeBytes: 10, sha256: 'b'.repeat(64), contentType: 'text/csv' })
      .expect(201);
    const excluded = await t
      .http()
      .put('/api/excluded-industries/91292')
      .set(op.auth)
      .send({ name: '시험용 업종', reason: '접근 시험' });
    expect(excluded.status).toBeLessThan(300);

    const delivery = await eventually(
      'the sale delivered to the endpoint',
      async () =>
        (
          await t.dataSource.query(`SELECT id FROM webhook_deliveries WHERE endpoint_id = $1`, [
            endpoint.body.id,
          ])
        )[0]?.id as string | undefined,
    );
    world = {
      ids: {
        endpoint: endpoint.body.id,
        delivery,
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
        accessRequest: asked.body.id,
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
    expect(Object.keys(PROBES).filter((k) => !ACCESS[k])).toEqual([]);
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
        const userId =
          caller === 'anonymous'
            ? undefined
            : caller === 'member' || caller === 'admin'
              ? parties[side][caller].id
              : users[caller].id;
        const url = probe.own
          ? await probe.own(userId)
          : probe.fresh
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
