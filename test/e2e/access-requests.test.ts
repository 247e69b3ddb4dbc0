import { PrincipalLoader } from '../../src/platform/auth/principal.js';
import { addBusinessDays } from '../../src/platform/time/business-days.js';
import { seoulToday } from '../../src/platform/time/seoul-date.js';
import { AccessRequestsService } from '../../src/modules/access/index.js';
import { eventually } from '../support/eventually.js';
import {
  memberMadeOperator,
  operator,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import { listedKampProduct, sensorCsv } from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
/** An instant at a Seoul wall-clock time. */
const seoul = (local: string) => new Date(`${local}+09:00`);

describe('access requests: a seller who vets its buyers, and a deadline that cannot stall', () => {
  let t: TestApp;
  let op: TestUser;
  let listed: Awaited<ReturnType<typeof listedKampProduct>>;
  let buyers: Awaited<ReturnType<typeof verifiedOrganization>>[];
  const order = (b: (typeof buyers)[number], productId = listed.productId) =>
    t.http().post('/api/orders').set(b.admin.auth).send({
      productId,
      organizationId: b.org.id,
      expectedPriceKrw: 1_200_000,
    });
  const ask = (
    b: (typeof buyers)[number],
    intendedUse = '용해 공정 불량 예측 모델 학습에 사용합니다.',
  ) =>
    t
      .http()
      .post(`/api/products/${listed.productId}/access-requests`)
      .set(b.admin.auth)
      .send({ organizationId: b.org.id, intendedUse });
  const inbox = async (u: TestUser) =>
    (await t.http().get('/api/me/notifications').set(u.auth).expect(200)).body.items as {
      kind: string;
      titleKo: string;
      bodyKo: string | null;
    }[];

  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    listed = await listedKampProduct(t, {
      priceKrw: 1_200_000,
      license: 'COMMERCIAL',
      file: sensorCsv(),
      approvalRequired: true,
      approvalQuestion: '어떤 목적으로 사용하시나요? 제3자 제공 계획이 있나요?',
    });
    buyers = [];
    for (let i = 0; i < 4; i++)
      buyers.push(
        await verifiedOrganization(t, op, {
          industryCode: '29294',
          representativeName: `구매대표${i}-${Math.random()}`,
        }),
      );
  });
  afterAll(() => t.close());

  it('refuses an order without approval, takes one request per buyer however many race, and lets the seller approve', async () => {
    const product = (await t.http().get(`/api/products/${listed.productId}`).expect(200)).body;
    expect(product).toMatchObject({
      approvalRequired: true,
      approvalQuestion: '어떤 목적으로 사용하시나요? 제3자 제공 계획이 있나요?',
    });
    const [a] = buyers;
    const refused = await order(a).expect(403);
    expect(refused.body.code).toBe('ACCESS_NOT_APPROVED');
    expect(refused.body.messageKo).toContain('이용 신청');
    expect(refused.body.message).toContain('ask for access');

    // Bad input changes nothing.
    expect((await ask(a, '짧음').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await t
      .http()
      .post(`/api/products/${listed.productId}/access-requests`)
      .set(a.admin.auth)
      .send({ organizationId: buyers[1].org.id, intendedUse: '남의 기관으로 신청해 봅니다.' })
      .expect(404);
    await t
      .http()
      .post(`/api/products/${listed.productId}/access-requests`)
      .set(listed.seller.auth)
      .send({ organizationId: listed.organizationId, intendedUse: '내 상품을 내가 신청해 봅니다.' })
      .expect(400);

    // Five at once from one buyer: one request.
    const answers = await Promise.all(Array.from({ length: 5 }, () => ask(a)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const made = answers.find((r) => r.status === 201)!.body;
    expect(made).toMatchObject({
      status: 'PENDING',
      dueOn: addBusinessDays(seoulToday(), 5),
      buyerOrganizationId: a.org.id,
      sellerOrganizationId: listed.organizationId,
      productTitle: '용해탱크 데이터',
    });
    expect(answers.find((r) => r.status === 409)!.body.code).toBe('ACCESS_REQUEST_OPEN');
    const waiting = await order(a).expect(403);
    expect(waiting.body.messageKo).toContain(made.dueOn);

    // Nobody but the seller decides a pending request: another buyer does not even see it, an operator waits for the deadline.
    await t
      .http()
      .post(`/api/access-requests/${made.id}/approve`)
      .set(buyers[1].admin.auth)
      .expect(404);
    const early = await t
      .http()
      .post(`/api/access-requests/${made.id}/approve`)
      .set(op.auth)
      .expect(409);
    expect(early.body.messageKo).toContain(made.dueOn);

    // The seller sees it, with who asks and why; two answers at once: one is taken.
    const inbox0 = await t
      .http()
      .get('/api/access-requests?side=seller')
      .set(listed.seller.auth)
      .expect(200);
    expect(inbox0.body.items).toEqual([
      expect.objectContaining({ id: made.id, buyerName: expect.any(String), buyerCategory: 'SME' }),
    ]);
    const both = await Promise.all([
      t.http().post(`/api/access-requests/${made.id}/approve`).set(listed.seller.auth),
      t.http().post(`/api/access-requests/${made.id}/approve`).set(listed.seller.auth),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const decided = both.find((r) => r.status === 201)!.body;
    expect(decided).toMatchObject({ status: 'APPROVED', decidedAs: 'SELLER' });
    expect(new Date(decided.accessUntil).getTime()).toBeGreaterThan(Date.now() + 29 * DAY);

    // Approved: the buyer orders; nobody else can ride on it.
    expect((await order(a).expect(201)).body.status).toBe('AWAITING_PAYMENT');
    await order(buyers[1]).expect(403);
    expect((await ask(a).expect(409)).body.code).toBe('ACCESS_REQUEST_OPEN');

    // Both sides heard; the audit trail has each step.
    await eventually('the seller hears of the request', async () =>
      (await inbox(listed.seller)).some((n) => n.kind === 'access.requested'),
    );
    await eventually('the buyer hears the answer', async () =>
      (await inbox(a.admin)).some((n) => n.kind === 'access.decided' && n.titleKo.includes('승인')),
    );
    const trail = await t
      .http()
      .get(`/api/audit?entityType=access_request&entityId=${made.id}`)
      .set(op.auth)
      .expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'access_request.approved',
      'access_request.created',
    ]);
  });

  it('shows a refusal with its reason, holds a second request for the cool-down, and tells how fast the seller answers', async () => {
    const b = buyers[2];
    const made = (await ask(b).expect(201)).body;
    await t
      .http()
      .post(`/api/access-requests/${made.id}/refuse`)
      .set(listed.seller.auth)
      .send({ reason: '' })
      .expect(400);
    const refused = (
      await t
        .http()
        .post(`/api/access-requests/${made.id}/refuse`)
        .set(listed.seller.auth)
        .send({ reason: '경쟁사에는 제공하지 않습니다' })
        .expect(201)
    ).body;
    expect(refused).toMatchObject({ status: 'REFUSED', reason: '경쟁사에는 제공하지 않습니다' });
    const again = await ask(b).expect(409);
    expect(again.body.code).toBe('ACCESS_COOLDOWN');
    expect(again.body.messageKo).toContain('경쟁사에는 제공하지 않습니다');
    expect((await order(b).expect(403)).body.messageKo).toContain('경쟁사에는 제공하지 않습니다');

    const mine = (
      await t.http().get(`/api/products/${listed.productId}/access`).set(b.admin.auth).expect(200)
    ).body;
    expect(mine.mine).toEqual([expect.objectContaining({ id: made.id, status: 'REFUSED' })]);
    expect(mine.seller.answered).toBe(2);
    expect(mine.seller.medianAnswerHours).toBeGreaterThanOrEqual(0);
    expect(mine.seller.medianAnswerHours).toBeLessThan(1);
    const anonymous = (await t.http().get(`/api/products/${listed.productId}/access`).expect(200))
      .body;
    expect(anonymous).toMatchObject({ approvalRequired: true, answerBusinessDays: 5, mine: [] });

    // Only operators list everything; each side lists its own.
    await t.http().get('/api/access-requests?side=operator').set(b.admin.auth).expect(403);
    const bought = await t
      .http()
      .get('/api/access-requests?side=buyer')
      .set(b.admin.auth)
      .expect(200);
    expect(bought.body.items.map((r: { id: string }) => r.id)).toEqual([made.id]);
    // Narrowed to one organization: its own, by its members; any, by operators; none other.
    const narrowed = (side: string, orgId: string, who: TestUser) =>
      t.http().get(`/api/access-requests?side=${side}&organizationId=${orgId}`).set(who.auth);
    const own = await narrowed('buyer', b.org.id, b.admin).expect(200);
    expect(own.body.items.map((r: { id: string }) => r.id)).toEqual([made.id]);
    const foreign = await narrowed('buyer', buyers[0].org.id, b.admin).expect(404);
    expect(foreign.body.messageKo).toBeTruthy();
    const asOperator = await narrowed('operator', b.org.id, op).expect(200);
    expect(asOperator.body.items.map((r: { id: string }) => r.id)).toContain(made.id);
    expect(
      asOperator.body.items.every(
        (r: { buyerOrganizationId: string; sellerOrganizationId: string }) =>
          r.buyerOrganizationId === b.org.id || r.sellerOrganizationId === b.org.id,
      ),
    ).toBe(true);
    await eventually('the buyer reads the reason', async () =>
      (await inbox(b.admin)).some((n) => n.bodyKo?.includes('경쟁사에는 제공하지 않습니다')),
    );
  });

  it('escalates past 5 Korean business days (Chuseok not counted) to the operators, who decide; an approval lapses after 30 days', async () => {
    const access = t.app.get(AccessRequestsService);
    const buyer = buyers[3];
    const principal = (await t.app.get(PrincipalLoader).load(buyer.admin.id))!;
    // Asked on Monday 13 September 2027, the eve of Chuseok (14-16 September).
    const made = await access.request(
      listed.productId,
      { organizationId: buyer.org.id, intendedUse: '추석 직전에 신청한 이용 목적입니다.' },
      principal,
      seoul('2027-09-13T10:00:00'),
    );
    expect(made.dueOn).toBe('2027-09-23'); // not 20 September, as weekends alone would give
    const status = async () =>
      (await t.http().get(`/api/access-requests/${made.id}`).set(op.auth).expect(200)).body.status;
    // That clock is also past the first buyer's 30-day approval: it lapses, once.
    expect(await access.sweep(seoul('2027-09-22T12:00:00'))).toEqual({ escalated: 0, expired: 1 });
    expect(await status()).toBe('PENDING');
    await access.sweep(seoul('2027-09-23T23:59:00'));
    expect(await status()).toBe('PENDING');
    // The day after: escalated once, however many instances sweep.
    const sweeps = await Promise.all([
      access.sweep(seoul('2027-09-24T00:30:00')),
      access.sweep(seoul('2027-09-24T00:30:00')),
    ]);
    expect(sweeps.map((s) => s.escalated).sort()).toEqual([0, 1]);
    expect(await status()).toBe('ESCALATED');
    const queue = await t
      .http()
      .get('/api/access-requests?side=operator&status=ESCALATED')
      .set(op.auth)
      .expect(200);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(made.id);
    await eventually(
      'the operators, the seller and the buyer hear it',
      async () =>
        (await inbox(op)).some((n) => n.kind === 'access.escalated') &&
        (await inbox(listed.seller)).some((n) => n.kind === 'access.escalated') &&
        (await inbox(buyer.admin)).some((n) => n.kind === 'access.escalated'),
    );

    // An operator who belongs to the buyer may not decide it: another operator must.
    const insider = await memberMadeOperator(t, op, buyer.admin, buyer.org.id);
    const conflicted = await t
      .http()
      .post(`/api/access-requests/${made.id}/approve`)
      .set(insider.auth)
      .expect(403);
    expect(conflicted.body).toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      details: { organizationId: buyer.org.id },
    });
    expect(await status()).toBe('ESCALATED');

    // The operator decides in the seller's place.
    const decided = (
      await t.http().post(`/api/access-requests/${made.id}/approve`).set(op.auth).expect(201)
    ).body;
    expect(decided).toMatchObject({ status: 'APPROVED', decidedAs: 'OPERATOR' });
    await order(buyer).expect(201);

    // Approvals lapse after their 30 days, and the buyer may ask again.
    expect((await access.sweep(new Date(Date.now() + 29 * DAY))).expired).toBe(0);
    expect((await access.sweep(new Date(Date.now() + 31 * DAY))).expired).toBe(1);
    expect(await status()).toBe('EXPIRED');
    expect((await order(buyers[0]).expect(403)).body.code).toBe('ACCESS_NOT_APPROVED');
    await ask(buyers[0]).expect(201);
  });
});
