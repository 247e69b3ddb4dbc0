import {
  apply,
  counts,
  ledger,
  openProgram,
  operator,
  plans,
  selectedApplication,
  signUp,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import { day } from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// docs/domain.md's example: total 62,500,000; government 50,000,000 (80%); own 12,500,000 of which 1,250,000 cash.
const EXAMPLE_AGREEMENT = {
  totalCostKrw: 62_500_000,
  governmentKrw: 50_000_000,
  ownKrw: 12_500_000,
  ownCashKrw: 1_250_000,
  startsOn: day(0),
  endsOn: day(110),
};

describe('applications, evaluation, selection and agreements', () => {
  let t: TestApp;
  let op: TestUser;
  let evaluator: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    evaluator = await signUp(t, '평가위원');
    await t
      .http()
      .put(`/api/users/${evaluator.id}/platform-roles`)
      .set(op.auth)
      .send({ roles: ['evaluator'] })
      .expect(200);
  });
  afterAll(() => t.close());

  describe('the processor pool, end to end', () => {
    it('a processor applies, passes the checklist, is selected and appears in the directory', async () => {
      const pool = await openProgram(t, op, 'PROCESSOR_POOL');
      const { admin, org } = await verifiedOrganization(t, op, {
        name: '데이터가공랩',
        industryCode: '62010',
        category: 'SME',
      });
      const draft = await apply(t, admin, pool.id, org.id, 'PROCESSOR_POOL');
      expect(draft.status).toBe('DRAFT');

      const submitted = await t
        .http()
        .post(`/api/applications/${draft.id}/submit`)
        .set(admin.auth)
        .expect(201);
      expect(submitted.body.status).toBe('EVALUATION');
      expect(submitted.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
        'DRAFT',
        'SUBMITTED',
        'SCREENING',
        'EVALUATION',
      ]);

      // An evaluator must be assigned before evaluating.
      const early = await t
        .http()
        .post(`/api/applications/${draft.id}/evaluations`)
        .set(evaluator.auth)
        .send({ passed: true })
        .expect(403);
      expect(early.body.code).toBe('NOT_ASSIGNED');
      await t
        .http()
        .post(`/api/programs/${pool.id}/evaluators`)
        .set(op.auth)
        .send({ userId: evaluator.id })
        .expect(201);

      // A checklist must answer every item with a comment.
      const partial = await t
        .http()
        .post(`/api/applications/${draft.id}/evaluations`)
        .set(evaluator.auth)
        .send({ checklist: [{ item: 'staff', passed: true, comment: '12명' }] })
        .expect(400);
      expect(partial.body.message).toContain('misses');
      const checklist = (pool.terms.checklist as { key: string }[]).map((c) => ({
        item: c.key,
        passed: true,
        comment: '증빙 확인',
      }));
      const sheet = await t
        .http()
        .post(`/api/applications/${draft.id}/evaluations`)
        .set(evaluator.auth)
        .send({ checklist })
        .expect(201);
      expect(sheet.body).toMatchObject({ passed: true, score: null });

      const ranking = await t
        .http()
        .get(`/api/programs/${pool.id}/ranking`)
        .set(op.auth)
        .expect(200);
      expect(ranking.body.items[0]).toMatchObject({
        applicationId: draft.id,
        passedAll: true,
        evaluations: 1,
      });

      const selected = await t
        .http()
        .post(`/api/programs/${pool.id}/select-passing`)
        .set(op.auth)
        .expect(201);
      expect(selected.body.selected).toEqual([draft.id]);
      const view = await t.http().get(`/api/applications/${draft.id}`).set(admin.auth).expect(200);
      expect(view.body.status).toBe('SELECTED');

      const directory = await t
        .http()
        .get('/api/processors')
        .query({ technology: 'LABELLING' })
        .expect(200);
      expect(directory.body.items).toContainEqual(
        expect.objectContaining({ organizationId: org.id, name: '데이터가공랩', staffCount: 12 }),
      );
      const byText = await t.http().get('/api/processors').query({ q: '가공랩' }).expect(200);
      expect(byText.body.total).toBe(1);
      const byIndustry = await t
        .http()
        .get('/api/processors')
        .query({ industry: '29294' })
        .expect(200);
      expect(
        byIndustry.body.items.map((p: { organizationId: string }) => p.organizationId),
      ).toContain(org.id);

      // The member edits its profile; the operator suspends it and it leaves the directory.
      const edited = await t
        .http()
        .patch(`/api/processors/${org.id}`)
        .set(admin.auth)
        .send({ staffCount: 15, region: '세종' })
        .expect(200);
      expect(edited.body).toMatchObject({ staffCount: 15, region: '세종' });
      const other = await signUp(t);
      await t
        .http()
        .patch(`/api/processors/${org.id}`)
        .set(other.auth)
        .send({ staffCount: 1 })
        .expect(404);
      await t
        .http()
        .post(`/api/processors/${org.id}/suspend`)
        .set(admin.auth)
        .send({ reason: 'x' })
        .expect(403);
      await t
        .http()
        .post(`/api/processors/${org.id}/suspend`)
        .set(op.auth)
        .send({ reason: '품질 검증 절차 미준수' })
        .expect(201);
      const after = await t.http().get('/api/processors').query({ q: '가공랩' }).expect(200);
      expect(after.body.total).toBe(0);
      // The operator finds it among the suspended, with the reason; nobody else may list them.
      const suspended = await t
        .http()
        .get('/api/processors')
        .query({ q: '가공랩', status: 'SUSPENDED' })
        .set(op.auth)
        .expect(200);
      expect(suspended.body.items).toEqual([
        expect.objectContaining({
          organizationId: org.id,
          status: 'SUSPENDED',
          suspendedReason: '품질 검증 절차 미준수',
        }),
      ]);
      for (const caller of [admin.auth, {}])
        expect(
          (
            await t
              .http()
              .get('/api/processors')
              .query({ status: 'SUSPENDED' })
              .set(caller)
              .expect(403)
          ).body.code,
        ).toBe('FORBIDDEN');
      await t
        .http()
        .post(`/api/processors/${org.id}/reinstate`)
        .set(op.auth)
        .send({ reason: '시정 완료' })
        .expect(201);
      expect(
        (await t.http().get('/api/processors').query({ q: '가공랩' }).expect(200)).body.total,
      ).toBe(1);
    });

    it('a pool application that fails an item cannot be selected', async () => {
      const pool = await openProgram(t, op, 'PROCESSOR_POOL');
      const { admin, org } = await verifiedOrganization(t, op);
      const app = await apply(t, admin, pool.id, org.id, 'PROCESSOR_POOL');
      await t.http().post(`/api/applications/${app.id}/submit`).set(admin.auth).expect(201);
      await t
        .http()
        .post(`/api/applications/${app.id}/evaluations`)
        .set(op.auth)
        .send({ passed: false, comment: '인력 증빙 부족' })
        .expect(201);
      const res = await t
        .http()
        .post(`/api/applications/${app.id}/decision`)
        .set(op.auth)
        .send({ decision: 'selected', reason: 'x' })
        .expect(422);
      expect(res.body.code).toBe('NOT_ELIGIBLE');
      expect(
        (await t.http().post(`/api/programs/${pool.id}/select-passing`).set(op.auth).expect(201))
          .body.selected,
      ).toEqual([]);
      await t
        .http()
        .post(`/api/applications/${app.id}/decision`)
        .set(op.auth)
        .send({ decision: 'rejected', reason: '요건 미충족' })
        .expect(201);
    });
  });

  describe('screening', () => {
    it('refuses submission with every failed rule, keeps the draft, and the eligibility check agrees', async () => {
      const call = await openProgram(t, op, 'PROCESSING_SUPPORT');
      const admin = await signUp(t);
      const org = (
        await t
          .http()
          .post('/api/organizations')
          .set(admin.auth)
          .send({
            name: '한밭숙박',
            registrationNumber: '1248100998',
            representativeName: '김숙박',
            category: 'LARGE',
            industryCode: '55101',
          })
          .expect(201)
      ).body;
      const check = await t
        .http()
        .get(`/api/organizations/${org.id}/eligibility`)
        .query({ programId: call.id })
        .set(admin.auth)
        .expect(200);
      expect(check.body.eligible).toBe(false);
      expect(check.body.failures.map((f: { rule: string }) => f.rule)).toEqual([
        'VERIFICATION_ON_RECORD',
        'INDUSTRY_NOT_EXCLUDED',
        'CATEGORY_ALLOWED',
        'MANUFACTURER',
      ]);

      await t
        .http()
        .post(`/api/organizations/${org.id}/verification`)
        .set(op.auth)
        .send({ businessStatus: 'CLOSED', taxArrears: true })
        .expect(201);
      const draft = await apply(t, admin, call.id, org.id, 'PROCESSING_SUPPORT');
      const before = await counts(t, ['application_transitions']);
      const res = await t
        .http()
        .post(`/api/applications/${draft.id}/submit`)
        .set(admin.auth)
        .expect(422);
      expect(res.body.code).toBe('NOT_ELIGIBLE');
      expect(res.body.details.map((f: { rule: string }) => f.rule)).toEqual([
        'BUSINESS_ACTIVE',
        'NO_TAX_ARREARS',
        'INDUSTRY_NOT_EXCLUDED',
        'CATEGORY_ALLOWED',
        'MANUFACTURER',
      ]);
      expect(res.body.messageKo).toContain('체납');
      expect(await counts(t, ['application_transitions'])).toEqual(before);
      const view = await t.http().get(`/api/applications/${draft.id}`).set(admin.auth).expect(200);
      expect(view.body.status).toBe('DRAFT');
      const again = await t
        .http()
        .get(`/api/organizations/${org.id}/eligibility`)
        .query({ programId: call.id })
        .set(admin.auth)
        .expect(200);
      expect(again.body.failures.map((f: { rule: string }) => f.rule)).toEqual(
        res.body.details.map((f: { rule: string }) => f.rule),
      );
    });

    it('one open application per organization and call', async () => {
      const call = await openProgram(t, op, 'PURCHASE_SUPPORT');
      const { admin, org } = await verifiedOrganization(t, op);
      await apply(t, admin, call.id, org.id, 'PURCHASE_SUPPORT');
      const second = await t
        .http()
        .post(`/api/programs/${call.id}/applications`)
        .set(admin.auth)
        .send({ organizationId: org.id, plan: plans.PURCHASE_SUPPORT })
        .expect(409);
      expect(second.body.code).toBe('CONFLICT');
    });

    it('a closed call refuses; a plan must fit the kind; only the org admin applies', async () => {
      const closed = await openProgram(t, op, 'PURCHASE_SUPPORT', {
        applicationOpensAt: '2024-02-01T00:00:00+09:00',
        applicationClosesAt: '2024-03-01T00:00:00+09:00',
      });
      const { admin, org } = await verifiedOrganization(t, op);
      const res = await t
        .http()
        .post(`/api/programs/${closed.id}/applications`)
        .set(admin.auth)
        .send({ organizationId: org.id, plan: plans.PURCHASE_SUPPORT })
        .expect(409);
      expect(res.body.code).toBe('WINDOW_CLOSED');

      const open = await openProgram(t, op, 'PURCHASE_SUPPORT');
      const bad = await t
        .http()
        .post(`/api/programs/${open.id}/applications`)
        .set(admin.auth)
        .send({
          organizationId: org.id,
          plan: { ...plans.PROCESSING_SUPPORT, requestedGovernmentKrw: 1.5 },
        })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
        [
          'plan.dataDescription',
          'plan.dataVolume',
          'plan.goals',
          'plan.intendedUse',
          'plan.productsWanted',
          'plan.requestedGovernmentKrw',
        ].sort(),
      );
      const stranger = await signUp(t);
      await t
        .http()
        .post(`/api/programs/${open.id}/applications`)
        .set(stranger.auth)
        .send({ organizationId: org.id, plan: plans.PURCHASE_SUPPORT })
        .expect(404);

      // A processing plan may name the processing it needs, from the pool's list of techniques.
      const processing = await openProgram(t, op, 'PROCESSING_SUPPORT');
      const maker = await verifiedOrganization(t, op);
      const unknown = await t
        .http()
        .post(`/api/programs/${processing.id}/applications`)
        .set(maker.admin.auth)
        .send({
          organizationId: maker.org.id,
          plan: { ...plans.PROCESSING_SUPPORT, technologiesWanted: ['LABELLING', 'TELEPATHY'] },
        })
        .expect(400);
      expect(unknown.body.details).toEqual([
        expect.objectContaining({ field: 'plan.technologiesWanted' }),
      ]);
      const named = await t
        .http()
        .post(`/api/programs/${processing.id}/applications`)
        .set(maker.admin.auth)
        .send({
          organizationId: maker.org.id,
          plan: { ...plans.PROCESSING_SUPPORT, technologiesWanted: ['LABELLING', 'AI_MODELLING'] },
        })
        .expect(201);
      expect(named.body.plan.technologiesWanted).toEqual(['LABELLING', 'AI_MODELLING']);
    });

    it("a call's list is paged by the server, names each applicant, and counts every status whatever the filter", async () => {
      const call = await openProgram(t, op, 'PURCHASE_SUPPORT');
      const orgs = [];
      for (let i = 0; i < 3; i++) orgs.push(await verifiedOrganization(t, op));
      const apps = [];
      for (const o of orgs)
        apps.push(await apply(t, o.admin, call.id, o.org.id, 'PURCHASE_SUPPORT'));
      let submitted = '';
      for (const i of [0, 2])
        submitted = (
          await t
            .http()
            .post(`/api/applications/${apps[i].id}/submit`)
            .set(orgs[i].admin.auth)
            .expect(201)
        ).body.status; // screened on submission: EVALUATION

      const list = (query: string) =>
        t.http().get(`/api/programs/${call.id}/applications?${query}`).set(op.auth).expect(200);
      const first = await list(`status=${submitted}&pageSize=1`);
      expect(first.body).toMatchObject({
        total: 2,
        page: 1,
        pageSize: 1,
        statusCounts: { DRAFT: 1, [submitted]: 2 },
      });
      expect(first.body.items).toEqual([
        expect.objectContaining({ id: apps[0].id, organizationName: orgs[0].org.name }),
      ]);
      const second = await list(`status=${submitted}&pageSize=1&page=2`);
      expect(second.body.items.map((a: { id: string }) => a.id)).toEqual([apps[2].id]);
      const all = await list('');
      expect(all.body.total).toBe(3);
      expect(all.body.statusCounts).toEqual({ DRAFT: 1, [submitted]: 2 });
    });

    it('the applicant and operators see an application; other organizations and unassigned evaluators do not', async () => {
      const call = await openProgram(t, op, 'PURCHASE_SUPPORT');
      const { admin, org } = await verifiedOrganization(t, op);
      const app = await apply(t, admin, call.id, org.id, 'PURCHASE_SUPPORT');
      const outsider = await signUp(t);
      for (const [method, path] of [
        ['get', `/api/applications/${app.id}`],
        ['patch', `/api/applications/${app.id}`],
        ['post', `/api/applications/${app.id}/submit`],
        ['post', `/api/applications/${app.id}/withdraw`],
      ] as const) {
        const call = t.http()[method](path);
        const res = await call.set(outsider.auth).send({ plan: plans.PURCHASE_SUPPORT });
        expect([path, res.status]).toEqual([path, 404]);
      }
      await t.http().get(`/api/applications/${app.id}`).set(evaluator.auth).expect(404);
      await t.http().get(`/api/programs/${call.id}/applications`).set(evaluator.auth).expect(403);
      const list = await t
        .http()
        .get(`/api/programs/${call.id}/applications`)
        .set(op.auth)
        .expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([app.id]);
      const mine = await t
        .http()
        .get(`/api/organizations/${org.id}/applications`)
        .set(admin.auth)
        .expect(200);
      expect(mine.body.total).toBe(1);
      // Each item names its call; the list narrows to one call.
      const { title } = (await t.http().get(`/api/programs/${call.id}`).expect(200)).body;
      expect(title).toBeTruthy();
      expect(mine.body.items[0]).toMatchObject({ programId: call.id, programTitle: title });
      const other = await openProgram(t, op, 'PURCHASE_SUPPORT');
      const second = await apply(t, admin, other.id, org.id, 'PURCHASE_SUPPORT');
      const ofCall = async (programId: string) =>
        (
          await t
            .http()
            .get(`/api/organizations/${org.id}/applications`)
            .query({ programId })
            .set(admin.auth)
            .expect(200)
        ).body.items.map((a: { id: string }) => a.id);
      expect(await ofCall(call.id)).toEqual([app.id]);
      expect(await ofCall(other.id)).toEqual([second.id]);
      await t
        .http()
        .get(`/api/organizations/${org.id}/applications`)
        .query({ programId: 'not-a-uuid' })
        .set(admin.auth)
        .expect(400);
      const edited = await t
        .http()
        .patch(`/api/applications/${app.id}`)
        .set(admin.auth)
        .send({ plan: { ...plans.PURCHASE_SUPPORT, intendedUse: '연구' } })
        .expect(200);
      expect(edited.body.plan.intendedUse).toBe('연구');
      await t
        .http()
        .post(`/api/applications/${app.id}/withdraw`)
        .set(admin.auth)
        .send({ reason: '일정 변경' })
        .expect(201);
      const withdrawn = await t
        .http()
        .post(`/api/applications/${app.id}/submit`)
        .set(admin.auth)
        .expect(409);
      expect(withdrawn.body).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { status: 'WITHDRAWN', allowed: [] },
      });
    });
  });

  describe('scored selection and agreements', () => {
    it('scores, ranks, selects, signs within the terms, and releases the budget on completion', async () => {
      const call = await openProgram(t, op, 'PROCESSING_SUPPORT', { budgetKrw: 100_000_000 });
      await t
        .http()
        .post(`/api/programs/${call.id}/evaluators`)
        .set(op.auth)
        .send({ userId: evaluator.id })
        .expect(201);
      const a = await verifiedOrganization(t, op, { name: '가나주조', industryCode: '24311' });
      const b = await verifiedOrganization(t, op, { name: '다라정밀', industryCode: '29294' });
      const appA = await apply(t, a.admin, call.id, a.org.id, 'PROCESSING_SUPPORT');
      const appB = await apply(t, b.admin, call.id, b.org.id, 'PROCESSING_SUPPORT');

      // A decision on a draft names the state.
      const onDraft = await t
        .http()
        .post(`/api/applications/${appA.id}/decision`)
        .set(op.auth)
        .send({ decision: 'selected', reason: 'x' })
        .expect(409);
      expect(onDraft.body).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { status: 'DRAFT' },
      });
      expect(onDraft.body.message).toContain('is DRAFT');

      for (const x of [appA, appB])
        await t
          .http()
          .post(`/api/applications/${x.id}/submit`)
          .set(x === appA ? a.admin.auth : b.admin.auth)
          .expect(201);
      const scores = (data: number, plan: number, market: number, capacity: number) => [
        { criterion: 'data', points: data },
        { criterion: 'plan', points: plan },
        { criterion: 'market', points: market },
        { criterion: 'capacity', points: capacity },
      ];
      await t
        .http()
        .post(`/api/applications/${appA.id}/evaluations`)
        .set(evaluator.auth)
        .send({ scores: scores(20, 20, 15, 10) })
        .expect(201);
      await t
        .http()
        .post(`/api/applications/${appB.id}/evaluations`)
        .set(evaluator.auth)
        .send({ scores: scores(28, 27, 20, 13) })
        .expect(201);
      await t
        .http()
        .post(`/api/applications/${appA.id}/evaluations`)
        .set(op.auth)
        .send({ score: 71 })
        .expect(201);
      await t
        .http()
        .post(`/api/applications/${appB.id}/evaluations`)
        .set(op.auth)
        .send({ score: 90 })
        .expect(201);

      const ranking = await t
        .http()
        .get(`/api/programs/${call.id}/ranking`)
        .set(op.auth)
        .expect(200);
      expect(
        ranking.body.items.map(
          (i: { applicationId: string; averageScore: number; rank: number }) => [
            i.rank,
            i.applicationId,
            i.averageScore,
          ],
        ),
      ).toEqual([
        [1, appB.id, 89],
        [2, appA.id, 68],
      ]);
      // The evaluator sees its own sheet only.
      const seen = await t
        .http()
        .get(`/api/applications/${appA.id}`)
        .set(evaluator.auth)
        .expect(200);
      expect(seen.body.evaluations).toHaveLength(1);

      await t
        .http()
        .post(`/api/programs/${call.id}/decisions`)
        .set(op.auth)
        .send({
          decisions: [
            { applicationId: appB.id, decision: 'selected', reason: '평균 89점' },
            { applicationId: appA.id, decision: 'selected', reason: '평균 68점' },
          ],
        })
        .expect(201);

      const violating = await t
        .http()
        .post(`/api/applications/${appB.id}/agreement`)
        .set(op.auth)
        .send({
          totalCostKrw: 60_000_000,
          governmentKrw: 50_000_000,
          ownKrw: 10_000_000,
          ownCashKrw: 500_000,
          startsOn: day(0),
          endsOn: day(180),
        })
        .expect(422);
      expect(violating.body.code).toBe('AGREEMENT_TERMS_VIOLATED');
      expect(violating.body.details.map((v: { code: string }) => v.code)).toEqual([
        'GOVERNMENT_SHARE_OVER_RATE',
        'CASH_UNDER_MINIMUM',
        'PERIOD_TOO_LONG',
      ]);
      const ended = await t
        .http()
        .post(`/api/applications/${appB.id}/agreement`)
        .set(op.auth)
        .send({ ...EXAMPLE_AGREEMENT, startsOn: day(-110), endsOn: day(-1) })
        .expect(422);
      expect(ended.body.details.map((v: { code: string }) => v.code)).toEqual(['PERIOD_ENDED']);
      expect((await ledger(t, call.id)).committed).toBe(0n);

      const signed = await t
        .http()
        .post(`/api/applications/${appB.id}/agreement`)
        .set(op.auth)
        .send(EXAMPLE_AGREEMENT)
        .expect(201);
      expect(signed.body).toMatchObject({
        status: 'ACTIVE',
        governmentKrw: 50_000_000,
        voucherId: null,
        processingProjectId: expect.any(String), // processing support makes a project (issue 8)
      });
      expect(
        (await t.http().get(`/api/applications/${appB.id}`).set(b.admin.auth).expect(200)).body
          .status,
      ).toBe('AGREEMENT');

      // The second agreement takes the last 50,000,000 of the budget.
      const over = await t
        .http()
        .post(`/api/applications/${appA.id}/agreement`)
        .set(op.auth)
        .send(EXAMPLE_AGREEMENT)
        .expect(201);
      expect(over.body.governmentKrw).toBe(50_000_000);
      const budget = await t.http().get(`/api/programs/${call.id}/budget`).set(op.auth).expect(200);
      expect(budget.body).toMatchObject({ availableKrw: 0, committedKrw: 100_000_000 });

      const done = await t
        .http()
        .post(`/api/applications/${appB.id}/complete`)
        .set(op.auth)
        .send({ reason: '과제 완료' })
        .expect(201);
      expect(done.body).toMatchObject({ status: 'COMPLETED', releasedKrw: 50_000_000 });
      const after = await t.http().get(`/api/programs/${call.id}/budget`).set(op.auth).expect(200);
      expect(after.body).toMatchObject({
        availableKrw: 50_000_000,
        committedKrw: 50_000_000,
        releasedKrw: 50_000_000,
      });
      await t
        .http()
        .post(`/api/applications/${appB.id}/complete`)
        .set(op.auth)
        .send({ reason: 'again' })
        .expect(409);
      const l = await ledger(t, call.id);
      expect(l).toMatchObject({ unbalancedJournals: 0, grandTotal: 0n });
    });

    it('an evaluator from the applicant or a related organization is refused', async () => {
      const call = await openProgram(t, op, 'PURCHASE_SUPPORT');
      const applicant = await verifiedOrganization(t, op, { representativeName: '박대표' });
      const app = await apply(t, applicant.admin, call.id, applicant.org.id, 'PURCHASE_SUPPORT');
      await t
        .http()
        .post(`/api/applications/${app.id}/submit`)
        .set(applicant.admin.auth)
        .expect(201);
      // The evaluator works for a different organization with the same representative.
      const related = await verifiedOrganization(t, op, { representativeName: '박대표' });
      await t
        .http()
        .put(`/api/users/${related.admin.id}/platform-roles`)
        .set(op.auth)
        .send({ roles: ['evaluator'] })
        .expect(200);
      // Flagged to the operator before the assignment: which application, and why.
      const flagged = await t
        .http()
        .get(`/api/programs/${call.id}/conflicts`)
        .query({ userId: related.admin.id })
        .set(op.auth)
        .expect(200);
      expect(flagged.body.items).toEqual([
        expect.objectContaining({
          applicationId: app.id,
          organizationName: applicant.org.name,
          messageKo: expect.stringContaining(related.org.name),
        }),
      ]);
      const clear = await t
        .http()
        .get(`/api/programs/${call.id}/conflicts`)
        .query({ userId: evaluator.id })
        .set(op.auth)
        .expect(200);
      expect(clear.body.items).toEqual([]);
      await t
        .http()
        .get(`/api/programs/${call.id}/conflicts`)
        .query({ userId: evaluator.id })
        .set(related.admin.auth)
        .expect(403);
      await t
        .http()
        .post(`/api/programs/${call.id}/evaluators`)
        .set(op.auth)
        .send({ userId: related.admin.id })
        .expect(201);
      // The evaluator's list shows the application and says why it cannot be scored.
      const mine = await t.http().get('/api/me/evaluations').set(related.admin.auth).expect(200);
      const listed = mine.body.items.find(
        (i: { applicationId: string }) => i.applicationId === app.id,
      );
      expect(listed).toMatchObject({ programId: call.id, evaluatedAt: null, status: 'EVALUATION' });
      expect(listed.conflict.messageKo).toContain(related.org.name);
      expect(listed.conflict.message).toContain('another evaluator');
      const res = await t
        .http()
        .post(`/api/applications/${app.id}/evaluations`)
        .set(related.admin.auth)
        .send({ score: 95 })
        .expect(403);
      expect(res.body.code).toBe('CONFLICT_OF_INTEREST');
      // An unrelated evaluator of the same call sees it free to score, and then scored.
      await t
        .http()
        .post(`/api/programs/${call.id}/evaluators`)
        .set(op.auth)
        .send({ userId: evaluator.id })
        .expect(201);
      const free = async () =>
        (await t.http().get('/api/me/evaluations').set(evaluator.auth).expect(200)).body.items.find(
          (i: { applicationId: string }) => i.applicationId === app.id,
        );
      expect(await free()).toMatchObject({ conflict: null, evaluatedAt: null });
      await t
        .http()
        .post(`/api/applications/${app.id}/evaluations`)
        .set(evaluator.auth)
        .send({ score: 70 })
        .expect(201);
      expect((await free()).evaluatedAt).toEqual(expect.any(String));
      expect(await counts(t, ['evaluations'])).toMatchObject({});
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM evaluations WHERE application_id = $1 AND evaluator_id = $2`,
        [app.id, related.admin.id],
      );
      expect(n).toBe(0);
    });

    it('purchase support: a nonprofit may get 100%, a firm at most 80% and 10,000,000', async () => {
      const call = await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 250_000_000 });
      const lab = await verifiedOrganization(t, op, {
        category: 'NONPROFIT',
        industryCode: '70113',
      });
      const firm = await verifiedOrganization(t, op, { category: 'SME' });
      const ids: string[] = [];
      for (const x of [lab, firm]) {
        ids.push(await selectedApplication(t, op, x.admin, call.id, x.org.id, 'PURCHASE_SUPPORT'));
      }
      const full = {
        totalCostKrw: 15_000_000,
        governmentKrw: 15_000_000,
        ownKrw: 0,
        ownCashKrw: 0,
        startsOn: day(0),
        endsOn: day(110),
      };
      await t
        .http()
        .post(`/api/applications/${ids[0]}/agreement`)
        .set(op.auth)
        .send(full)
        .expect(201);
      const refused = await t
        .http()
        .post(`/api/applications/${ids[1]}/agreement`)
        .set(op.auth)
        .send(full)
        .expect(422);
      expect(refused.body.details.map((v: { code: string }) => v.code)).toEqual([
        'GOVERNMENT_SHARE_OVER_RATE',
        'GOVERNMENT_OVER_CAP',
      ]);
    });
  });

  describe('budget under concurrency', () => {
    it('never commits past the budget when agreements race for the last won', async () => {
      const budget = 100_000_000;
      const call = await openProgram(t, op, 'PROCESSING_SUPPORT', { budgetKrw: budget });
      const selected: string[] = [];
      for (let i = 0; i < 8; i++) {
        const x = await verifiedOrganization(t, op, { industryCode: '29294' });
        const app = await apply(t, x.admin, call.id, x.org.id, 'PROCESSING_SUPPORT');
        await t.http().post(`/api/applications/${app.id}/submit`).set(x.admin.auth).expect(201);
        await t
          .http()
          .post(`/api/applications/${app.id}/evaluations`)
          .set(op.auth)
          .send({ score: 75 })
          .expect(201);
        selected.push(app.id);
      }
      await t
        .http()
        .post(`/api/programs/${call.id}/decisions`)
        .set(op.auth)
        .send({
          decisions: selected.map((applicationId) => ({
            applicationId,
            decision: 'selected',
            reason: '선정',
          })),
        })
        .expect(201);
      // 8 agreements of 30,000,000 against 100,000,000: exactly 3 fit.
      const body = {
        totalCostKrw: 37_500_000,
        governmentKrw: 30_000_000,
        ownKrw: 7_500_000,
        ownCashKrw: 750_000,
        startsOn: day(0),
        endsOn: day(110),
      };
      const results = await Promise.all(
        selected.map((id) =>
          t.http().post(`/api/applications/${id}/agreement`).set(op.auth).send(body),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(3);
      expect(statuses.filter((s) => s === 409)).toHaveLength(5);
      expect(
        results.filter((r) => r.status === 409).every((r) => r.body.code === 'BUDGET_EXCEEDED'),
      ).toBe(true);

      const l = await ledger(t, call.id);
      expect(l).toMatchObject({
        unbalancedJournals: 0,
        grandTotal: 0n,
        committed: 90_000_000n,
        available: 10_000_000n,
      });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM agreements WHERE program_id = $1`,
        [call.id],
      );
      expect(n).toBe(3);
      // The 10,000,000 left still fits one smaller agreement.
      const rest = selected.find((_id, i) => results[i].status === 409)!;
      await t
        .http()
        .post(`/api/applications/${rest}/agreement`)
        .set(op.auth)
        .send({
          totalCostKrw: 12_500_000,
          governmentKrw: 10_000_000,
          ownKrw: 2_500_000,
          ownCashKrw: 250_000,
          startsOn: day(0),
          endsOn: day(110),
        })
        .expect(201);
      expect((await ledger(t, call.id)).available).toBe(0n);
    });
  });
});
