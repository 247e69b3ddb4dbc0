import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { datasetsDir } from '../support/datasets.js';
import {
  memberMadeOperator,
  ledger,
  openProgram,
  operator,
  selectedApplication,
  signUp,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import { PaymentsHub } from '../../src/modules/payments/payments-hub.service.js';
import { StripeEmulator } from '../../src/modules/payments/index.js';
import { confirmAtEmulator, processingAgreement } from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { verifiedVersion } from '../support/uploads.js';
import { eventually } from '../support/eventually.js';

const KAMP = path.join(datasetsDir(), 'kamp-melting-tank', 'melting_tank.csv');

describe('processing support projects', () => {
  let t: TestApp;
  let op: TestUser;
  let poolId: string;
  let callId: string;

  /** An organization registered in the processor pool. */
  async function processor(fields: Record<string, unknown> = {}) {
    const p = await verifiedOrganization(t, op, {
      industryCode: '62010',
      representativeName: `가공${Math.random()}`,
      ...fields,
    });
    await selectedApplication(t, op, p.admin, poolId, p.org.id, 'PROCESSOR_POOL');
    return p;
  }

  /** A manufacturer with a signed processing-support agreement, and its project. */
  async function ownerProject(fields: Record<string, unknown> = {}) {
    const owner = await verifiedOrganization(t, op, {
      industryCode: '24311',
      representativeName: `보유${Math.random()}`,
      ...fields,
    });
    const applicationId = await selectedApplication(
      t,
      op,
      owner.admin,
      callId,
      owner.org.id,
      'PROCESSING_SUPPORT',
    );
    const projectId = await processingAgreement(t, op, applicationId);
    return { ...owner, projectId, applicationId };
  }

  /** What the exchange owes an organization (a processor's payable), as the operator reads it. */
  const owedTo = async (organizationId: string) =>
    (await t.http().get(`/api/organizations/${organizationId}/payouts`).set(op.auth).expect(200))
      .body.owedKrw as number;

  /** An owner's project matched with a pool processor (a new one unless given). */
  async function matchedProject(given?: Awaited<ReturnType<typeof processor>>) {
    const owner = await ownerProject();
    const lab = given ?? (await processor());
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/match`)
      .set(op.auth)
      .send({ processorOrganizationId: lab.org.id })
      .expect(201);
    return { owner, lab };
  }

  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    poolId = (await openProgram(t, op, 'PROCESSOR_POOL')).id;
    callId = (await openProgram(t, op, 'PROCESSING_SUPPORT', { budgetKrw: 1_250_000_000 })).id;
  });
  afterAll(() => t.close());

  it('KAMP data: matched, processed, verified, listed at the guided price, all three milestones accepted, money adds up', async () => {
    const owner = await ownerProject({ name: '한국용해' });
    const lab = await processor({ name: '데이터가공랩' });
    const project = await t
      .http()
      .get(`/api/processing-projects/${owner.projectId}`)
      .set(owner.admin.auth)
      .expect(200);
    expect(project.body).toMatchObject({ status: 'AWAITING_MATCH', governmentKrw: 50_000_000 });
    expect(
      project.body.milestones.map((m: { name: string; amountKrw: number }) => [
        m.name,
        m.amountKrw,
      ]),
    ).toEqual([
      ['PROCESSING', 20_000_000],
      ['QUALITY_VERIFICATION', 15_000_000],
      ['REGISTRATION', 15_000_000],
    ]);

    const matched = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/match`)
      .set(op.auth)
      .send({ processorOrganizationId: lab.org.id })
      .expect(201);
    expect(matched.body).toMatchObject({
      status: 'IN_PROGRESS',
      processor: { name: '데이터가공랩' },
    });
    await t
      .http()
      .get(`/api/processing-projects/${owner.projectId}`)
      .set(lab.admin.auth)
      .expect(200);
    const stranger = await signUp(t);
    await t
      .http()
      .get(`/api/processing-projects/${owner.projectId}`)
      .set(stranger.auth)
      .expect(404);

    // The processor works on its own datasets: processed versions of the KAMP data.
    const processed = await verifiedVersion(
      t,
      lab.admin,
      lab.org.id,
      [{ name: 'melting_tank_processed.csv', bytes: await readFile(KAMP) }],
      {
        title: '용해탱크 품질 예측 가공 데이터',
      },
    );
    const deliverables = [{ datasetId: processed.datasetId, version: processed.version }];
    const early = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/QUALITY_VERIFICATION/submit`)
      .set(lab.admin.auth)
      .send({ deliverables })
      .expect(409);
    expect(early.body.message).toContain('PROCESSING must be accepted');
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/submit`)
      .set(owner.admin.auth)
      .send({ deliverables })
      .expect(404);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/submit`)
      .set(lab.admin.auth)
      .send({ deliverables })
      .expect(201);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/return`)
      .set(owner.admin.auth)
      .send({ reason: '라벨 기준 보완 필요' })
      .expect(201);
    // Each side hears what it must act on: the owner the submission, the processor the return.
    const heard = (user: TestUser, kind: string) =>
      eventually(kind, async () =>
        (
          await t.http().get('/api/me/notifications?pageSize=100').set(user.auth).expect(200)
        ).body.items.find((n: { kind: string }) => n.kind === kind),
      );
    expect(await heard(owner.admin, 'project.milestone.submitted')).toMatchObject({
      titleKo: '마일스톤 제출: 데이터 가공 (승인 또는 반려해 주세요)',
      link: `/projects/${owner.projectId}`,
    });
    expect(await heard(lab.admin, 'project.milestone.returned')).toMatchObject({
      titleKo: '마일스톤 반려: 데이터 가공',
      bodyKo: '사유: 라벨 기준 보완 필요',
    });
    await heard(lab.admin, 'project.matched');
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/submit`)
      .set(lab.admin.auth)
      .send({ deliverables, note: '보완 완료' })
      .expect(201);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/accept`)
      .set(lab.admin.auth)
      .send({})
      .expect(404);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/accept`)
      .set(owner.admin.auth)
      .send({})
      .expect(201);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/QUALITY_VERIFICATION/submit`)
      .set(lab.admin.auth)
      .send({ deliverables })
      .expect(201);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/QUALITY_VERIFICATION/accept`)
      .set(owner.admin.auth)
      .send({})
      .expect(201);

    // REGISTRATION needs the product listed.
    const product = await t
      .http()
      .post('/api/products')
      .set(lab.admin.auth)
      .send({
        ...deliverables[0],
        title: '용해탱크 품질 예측 데이터셋',
        priceKrw: 1_000_000,
        license: 'COMMERCIAL',
      })
      .expect(201);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/REGISTRATION/submit`)
      .set(lab.admin.auth)
      .send({ deliverables })
      .expect(201);
    const notListed = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/REGISTRATION/accept`)
      .set(owner.admin.auth)
      .send({})
      .expect(409);
    expect(notListed.body.code).toBe('NOT_LISTED');
    const guide = await t
      .http()
      .get(`/api/products/${product.body.id}/pricing-guide`)
      .set(lab.admin.auth)
      .expect(200);
    await t
      .http()
      .patch(`/api/products/${product.body.id}`)
      .set(lab.admin.auth)
      .send({ priceKrw: guide.body.suggestedPriceKrw })
      .expect(200);
    await t.http().post(`/api/products/${product.body.id}/publish`).set(lab.admin.auth).expect(201);
    const done = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/REGISTRATION/accept`)
      .set(owner.admin.auth)
      .send({})
      .expect(201);
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      money: { governmentKrw: 50_000_000, committedKrw: 0, spentKrw: 50_000_000, releasedKrw: 0 },
    });
    expect(done.body.milestones.map((m: { status: string }) => m.status)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
      'ACCEPTED',
    ]);

    // The product is the owner's now, made by the processor, under the one-year rule.
    const listed = await t.http().get(`/api/products/${product.body.id}`).expect(200);
    expect(listed.body).toMatchObject({
      processingSupported: true,
      seller: { name: '한국용해' },
      processor: { name: '데이터가공랩' },
      priceKrw: guide.body.suggestedPriceKrw,
    });
    expect(listed.body.lockedUntil).toBeTruthy();
    const app = await t
      .http()
      .get(`/api/applications/${owner.applicationId}`)
      .set(owner.admin.auth)
      .expect(200);
    expect(app.body.status).toBe('COMPLETED');

    expect(await owedTo(lab.org.id)).toBe(50_000_000);
    // The processor's record counts the project when it hears of it (a domain event, delivered
    // just after the commit).
    await eventually(
      'the processor record counting the project',
      async () =>
        (await t.http().get(`/api/processors/${lab.org.id}`).expect(200)).body.projectsDone === 1,
    );
    const l = await ledger(t, callId);
    expect(l).toMatchObject({ unbalancedJournals: 0, grandTotal: 0n });
  });

  it('lists projects for the owner and the processor, each with its side, and all of them for operators', async () => {
    const { owner, lab } = await matchedProject();
    const listed = async (user: TestUser, orgId: string) =>
      (
        await t
          .http()
          .get(`/api/organizations/${orgId}/processing-projects`)
          .set(user.auth)
          .expect(200)
      ).body.items as { id: string; side: string; processorName: string; milestones: number }[];
    const mine = await listed(owner.admin, owner.org.id);
    expect(mine).toEqual([
      expect.objectContaining({
        id: owner.projectId,
        applicationId: owner.applicationId,
        side: 'OWNER',
        status: 'IN_PROGRESS',
        ownerName: owner.org.name,
        processorName: lab.org.name,
        governmentKrw: 50_000_000,
        milestones: 3,
        milestonesAccepted: 0,
      }),
    ]);
    const theirs = await listed(lab.admin, lab.org.id);
    expect(theirs.map((p) => [p.id, p.side])).toEqual([[owner.projectId, 'PROCESSOR']]);
    const all = await t.http().get('/api/processing-projects').set(op.auth).expect(200);
    expect(all.body.items.map((p: { id: string }) => p.id)).toContain(owner.projectId);
    // Another organization's list is not the owner's to read.
    await t
      .http()
      .get(`/api/organizations/${lab.org.id}/processing-projects`)
      .set(owner.admin.auth)
      .expect(404);
  });

  it('ranks the pool for matching a project: room first, then the processing wanted, the industry served, free slots', async () => {
    const tag = `적합${Math.random().toString(36).slice(2, 8)}`;
    const lab = async (name: string, profile: Record<string, unknown>) => {
      const p = await processor({ name: `${tag} ${name}` });
      await t
        .http()
        .patch(`/api/processors/${p.org.id}`)
        .set(p.admin.auth)
        .send(profile)
        .expect(200);
      return p;
    };
    const labelsOnly = await lab('라벨', { technologies: ['LABELLING'], industries: ['62'] });
    const both = await lab('둘다', {
      technologies: ['LABELLING', 'AI_MODELLING'],
      industries: ['24'],
    });
    const industryOnly = await lab('업종', { technologies: ['PREPROCESSING'], industries: ['24'] });
    // The best fit on paper, but full: its one slot is taken by a project.
    const full = await lab('만석', {
      technologies: ['LABELLING', 'AI_MODELLING'],
      industries: ['24'],
      capacity: 1,
    });
    await matchedProject(full);
    const ranked = async (query: Record<string, string>) =>
      (
        await t
          .http()
          .get('/api/processors')
          .query({ q: tag, sort: 'fit', ...query })
          .expect(200)
      ).body.items.map((p: { organizationId: string }) => p.organizationId);
    expect(await ranked({ wants: 'LABELLING,AI_MODELLING', forIndustry: '24311' })).toEqual([
      both.org.id,
      labelsOnly.org.id,
      industryOnly.org.id,
      full.org.id,
    ]);
    // Without an industry, offering the processing counts; the page is the server's.
    const page = await t
      .http()
      .get('/api/processors')
      .query({ q: tag, sort: 'fit', wants: ['LABELLING'], pageSize: 2, page: 2 })
      .expect(200);
    expect(page.body.total).toBe(4);
    expect(page.body.items.map((p: { organizationId: string }) => p.organizationId)).toEqual([
      industryOnly.org.id,
      full.org.id,
    ]);
    const wrong = await t
      .http()
      .get('/api/processors')
      .query({ sort: 'fit', wants: 'LABELLING,TELEPATHY' })
      .expect(400);
    expect(wrong.body.messageKo).toBeTruthy();
  });

  it('refuses matchings: not in the pool, suspended, related to the owner, at capacity', async () => {
    const owner = await ownerProject({ representativeName: '같은대표' });
    const outsider = await verifiedOrganization(t, op);
    const res = (body: object) =>
      t.http().post(`/api/processing-projects/${owner.projectId}/match`).set(op.auth).send(body);
    expect((await res({ processorOrganizationId: outsider.org.id }).expect(422)).body.code).toBe(
      'NOT_IN_POOL',
    );

    const suspended = await processor();
    await t
      .http()
      .post(`/api/processors/${suspended.org.id}/suspend`)
      .set(op.auth)
      .send({ reason: '점검' })
      .expect(201);
    expect((await res({ processorOrganizationId: suspended.org.id }).expect(409)).body.code).toBe(
      'PROCESSOR_SUSPENDED',
    );

    const relative = await processor({ representativeName: '같은대표' });
    expect((await res({ processorOrganizationId: relative.org.id }).expect(409)).body.code).toBe(
      'RELATED_PARTY',
    );

    const busy = await processor();
    for (let i = 0; i < t.config.projects.maxOpenPerProcessor; i++) await matchedProject(busy);
    expect((await res({ processorOrganizationId: busy.org.id }).expect(409)).body.code).toBe(
      'PROCESSOR_AT_CAPACITY',
    );
    const full = await t.http().get(`/api/processors/${busy.org.id}`).expect(200);
    expect(full.body).toMatchObject({
      statedCapacity: null,
      capacity: t.config.projects.maxOpenPerProcessor,
      openProjects: t.config.projects.maxOpenPerProcessor,
      freeSlots: 0,
    });

    // A processor that takes one project at a time says so in its profile: the second is refused.
    const small = await processor();
    await t
      .http()
      .patch(`/api/processors/${small.org.id}`)
      .set(small.admin.auth)
      .send({ capacity: 1 })
      .expect(200);
    await t
      .http()
      .patch(`/api/processors/${small.org.id}`)
      .set(small.admin.auth)
      .send({ capacity: 0 })
      .expect(400);
    await matchedProject(small);
    const refused = await res({ processorOrganizationId: small.org.id }).expect(409);
    expect(refused.body).toMatchObject({ code: 'PROCESSOR_AT_CAPACITY' });
    expect(refused.body.messageKo).toContain('(1건)');
    const listed = await t.http().get('/api/processors?pageSize=100').expect(200);
    const entry = listed.body.items.find(
      (p: { organizationId: string }) => p.organizationId === small.org.id,
    );
    expect(entry).toMatchObject({
      statedCapacity: 1,
      capacity: 1,
      openProjects: 1,
      freeSlots: 0,
    });
    const view = await t
      .http()
      .get(`/api/processing-projects/${owner.projectId}`)
      .set(op.auth)
      .expect(200);
    expect(view.body.status).toBe('AWAITING_MATCH');
  });

  it('an operator who belongs to the processor neither matches it, nor suspends it, nor decides its milestones for the owner; another operator does', async () => {
    const lab = await processor();
    const insider = await memberMadeOperator(t, op, lab.admin, lab.org.id);
    const owner = await ownerProject();
    const refusals = [
      [
        `/api/processing-projects/${owner.projectId}/match`,
        { processorOrganizationId: lab.org.id },
      ],
      [`/api/processors/${lab.org.id}/suspend`, { reason: '점검' }],
    ] as const;
    for (const [url, body] of refusals) {
      const res = await t.http().post(url).set(insider.auth).send(body).expect(403);
      expect(res.body).toMatchObject({
        code: 'CONFLICT_OF_INTEREST',
        details: { organizationId: lab.org.id, memberOf: lab.org.id },
      });
    }
    const project = () =>
      t.http().get(`/api/processing-projects/${owner.projectId}`).set(op.auth).expect(200);
    expect((await project()).body.status).toBe('AWAITING_MATCH');
    expect((await t.http().get(`/api/processors/${lab.org.id}`).expect(200)).body.status).toBe(
      'ACTIVE',
    );
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/match`)
      .set(op.auth)
      .send({ processorOrganizationId: lab.org.id })
      .expect(201);
    for (const step of ['accept', 'return'])
      expect(
        (
          await t
            .http()
            .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/${step}`)
            .set(insider.auth)
            .send({ reason: '운영자 판단' })
            .expect(403)
        ).body.code,
      ).toBe('CONFLICT_OF_INTEREST');
    const milestones = (await project()).body.milestones as { name: string; status: string }[];
    expect(milestones.find((x) => x.name === 'PROCESSING')?.status).toBe('PENDING');
  });

  it('a cancelled project gives back what it had not spent; deliverables must be sealed and verified', async () => {
    const { owner, lab } = await matchedProject();
    const draft = await t
      .http()
      .post('/api/datasets')
      .set(lab.admin.auth)
      .send({ organizationId: lab.org.id, title: 'draft', dataType: 'TABULAR' })
      .expect(201);
    await t
      .http()
      .post(`/api/datasets/${draft.body.id}/versions`)
      .set(lab.admin.auth)
      .send({})
      .expect(201);
    const unsealed = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/submit`)
      .set(lab.admin.auth)
      .send({ deliverables: [{ datasetId: draft.body.id, version: 1 }] })
      .expect(409);
    expect(unsealed.body.code).toBe('VERSION_NOT_SEALED');
    const ok = await verifiedVersion(t, lab.admin, lab.org.id, [
      { name: 'a.csv', bytes: Buffer.from('a,b\n1,2\n3,4\n') },
    ]);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/submit`)
      .set(lab.admin.auth)
      .send({ deliverables: [{ datasetId: ok.datasetId, version: ok.version }] })
      .expect(201);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/accept`)
      .set(op.auth)
      .send({})
      .expect(400);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/milestones/PROCESSING/accept`)
      .set(op.auth)
      .send({ reason: '보유기업 부재로 운영기관 승인' })
      .expect(201);
    await t
      .http()
      .post(`/api/applications/${owner.applicationId}/cancel`)
      .set(op.auth)
      .send({ reason: '과제 중단' })
      .expect(201);
    const view = await t
      .http()
      .get(`/api/processing-projects/${owner.projectId}`)
      .set(owner.admin.auth)
      .expect(200);
    expect(view.body).toMatchObject({
      status: 'CANCELLED',
      money: { committedKrw: 0, spentKrw: 20_000_000, releasedKrw: 30_000_000 },
    });
    expect(view.body.history.map((h: { action: string }) => h.action)).toContain(
      'milestone.accepted_by_operator',
    );
    expect((await ledger(t, callId)).grandTotal).toBe(0n);
  });

  it('the owner pays its cash part through Stripe and records its contribution in kind', async () => {
    const owner = await ownerProject();
    const lab = await processor();
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/own-share/payment`)
      .set(owner.admin.auth)
      .expect(409); // not matched yet
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/match`)
      .set(op.auth)
      .send({ processorOrganizationId: lab.org.id })
      .expect(201);
    const pay = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/own-share/payment`)
      .set(owner.admin.auth)
      .expect(201);
    expect(pay.body).toMatchObject({
      amountKrw: 1_250_000,
      clientSecret: expect.stringMatching(/_secret_/),
    });
    const again = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/own-share/payment`)
      .set(owner.admin.auth)
      .expect(201);
    expect(again.body.paymentIntentId).toBe(pay.body.paymentIntentId);
    await confirmAtEmulator(t, pay.body.paymentIntentId);
    let view;
    for (let i = 0; i < 100; i++) {
      view = (
        await t
          .http()
          .get(`/api/processing-projects/${owner.projectId}`)
          .set(owner.admin.auth)
          .expect(200)
      ).body;
      if (view.ownSharePaidAt) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(view.ownSharePaidAt).toBeTruthy();
    expect(view.ownShareClientSecret).toBeUndefined();
    expect(await owedTo(lab.org.id)).toBe(1_250_000);

    const kind = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/in-kind`)
      .set(owner.admin.auth)
      .send({ amountKrw: 11_250_000, description: '설비 엔지니어 2명 × 3개월' })
      .expect(201);
    expect(kind.body.inKind).toEqual([expect.objectContaining({ amountKrw: 11_250_000 })]);
    const over = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/in-kind`)
      .set(owner.admin.auth)
      .send({ amountKrw: 1, description: '초과' })
      .expect(409);
    expect(over.body.message).toContain('0 KRW');
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/in-kind`)
      .set(lab.admin.auth)
      .send({ amountKrw: 1, description: 'x' })
      .expect(404);
    expect((await ledger(t, callId)).grandTotal).toBe(0n);
  });

  it('an own share paid while its webhook was lost is recorded by reconciliation, once', async () => {
    const { owner, lab } = await matchedProject();
    const pay = await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/own-share/payment`)
      .set(owner.admin.auth)
      .expect(201);
    const emulator = t.app.get(StripeEmulator);
    emulator.deliver = false;
    try {
      const res = await confirmAtEmulator(t, pay.body.paymentIntentId);
      expect(res.status).toBe(200);
    } finally {
      emulator.deliver = true;
    }
    const view = () =>
      t.http().get(`/api/processing-projects/${owner.projectId}`).set(owner.admin.auth).expect(200);
    expect((await view()).body.ownSharePaidAt).toBeNull();
    const events = t.app.get(PaymentsHub);
    expect(await events.reconcile(0)).toBeGreaterThanOrEqual(1);
    expect((await view()).body.ownSharePaidAt).toEqual(expect.any(String));
    await events.reconcile(0); // asked again: nothing more
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_journals j JOIN processing_projects p ON p.agreement_id = j.reference_id
        WHERE j.kind = 'OWN_SHARE_PAID' AND p.id = $1`,
      [owner.projectId],
    );
    expect(n).toBe(1);
    expect(await owedTo(lab.org.id)).toBe(1_250_000);
  });

  it('the owner shares its raw data with the matched processor only', async () => {
    const owner = await ownerProject();
    const lab = await processor();
    const raw = await verifiedVersion(
      t,
      owner.admin,
      owner.org.id,
      [{ name: 'raw.csv', bytes: await readFile(KAMP) }],
      { title: '원천 데이터' },
    );
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/match`)
      .set(op.auth)
      .send({ processorOrganizationId: lab.org.id })
      .expect(201);
    const other = await processor();
    const foreign = await verifiedVersion(t, other.admin, other.org.id, [
      { name: 'x.csv', bytes: Buffer.from('a\n1\n') },
    ]);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/raw-data`)
      .set(owner.admin.auth)
      .send({ datasetId: foreign.datasetId })
      .expect(400);
    const url = `/api/processing-projects/${owner.projectId}/raw-data/${raw.datasetId}/versions/${raw.version}/download`;
    await t.http().get(url).set(lab.admin.auth).expect(403);
    await t
      .http()
      .post(`/api/processing-projects/${owner.projectId}/raw-data`)
      .set(owner.admin.auth)
      .send({ datasetId: raw.datasetId })
      .expect(201);
    // The processor's view of the project names what was shared and which versions it may fetch.
    const seen = await t
      .http()
      .get(`/api/processing-projects/${owner.projectId}`)
      .set(lab.admin.auth)
      .expect(200);
    expect(seen.body.rawData).toEqual([
      { datasetId: raw.datasetId, title: expect.any(String), sealedVersions: [raw.version] },
    ]);
    const links = await t.http().get(url).set(lab.admin.auth).expect(200);
    const bytes = Buffer.from(await (await fetch(links.body.files[0].url)).arrayBuffer());
    expect(bytes.equals(await readFile(KAMP))).toBe(true);
    await t.http().get(url).set(other.admin.auth).expect(404);
  });
});
