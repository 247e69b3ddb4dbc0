import { ProgramsService } from '../../src/modules/programs/programs.service.js';
import {
  counts,
  ledger,
  openProgram,
  operator,
  signUp,
  type TestUser,
} from '../support/factories.js';
import { voucherHolder } from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('programs (calls)', () => {
  let t: TestApp;
  let op: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
  });
  afterAll(() => t.close());

  it("opens each kind with the announcement's terms by default, and grants the budget in the ledger", async () => {
    const processing = await openProgram(t, op, 'PROCESSING_SUPPORT');
    expect(processing.terms).toMatchObject({
      selection: 'COMPETITIVE',
      eligibleCategories: ['SME', 'MID_SIZE'],
      manufacturersOnly: true,
      maxMonths: 4,
      money: { maxGovernmentRateBp: 8000, maxGovernmentKrw: 50_000_000, minOwnCashOfOwnBp: 1000 },
    });
    const purchase = await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 250_000_000 });
    expect(purchase.terms).toMatchObject({
      eligibleCategories: ['SME', 'MID_SIZE', 'NONPROFIT'],
      money: { maxGovernmentRateBp: 8000, maxGovernmentKrw: 10_000_000 },
      nonprofitMoney: { maxGovernmentRateBp: 10_000, maxGovernmentKrw: null },
    });
    const pool = await openProgram(t, op, 'PROCESSOR_POOL');
    expect(pool).toMatchObject({ budgetKrw: null, terms: { selection: 'ABSOLUTE', money: null } });

    const budget = await t
      .http()
      .get(`/api/programs/${purchase.id}/budget`)
      .set(op.auth)
      .expect(200);
    expect(budget.body).toMatchObject({
      budgetKrw: 250_000_000,
      availableKrw: 250_000_000,
      committedKrw: 0,
      spentKrw: 0,
      releasedKrw: 0,
    });
    const l = await ledger(t, purchase.id);
    expect(l).toMatchObject({
      unbalancedJournals: 0,
      grandTotal: 0n,
      available: 250_000_000n,
      funding: -250_000_000n,
    });
  });

  it('keeps the terms a call was opened with, and takes overrides', async () => {
    const custom = await openProgram(t, op, 'PROCESSING_SUPPORT', {
      terms: {
        maxMonths: 3,
        money: { maxGovernmentRateBp: 7000, maxGovernmentKrw: 30_000_000, minOwnCashOfOwnBp: 2000 },
      },
    });
    const stored = await t.http().get(`/api/programs/${custom.id}`).expect(200);
    expect(stored.body.terms).toMatchObject({
      maxMonths: 3,
      money: { maxGovernmentRateBp: 7000, maxGovernmentKrw: 30_000_000 },
      manufacturersOnly: true,
    });
    expect(stored.body.applicationWindow).toBe('OPEN');
  });

  it('lists calls publicly, filtered by kind and by open now', async () => {
    await openProgram(t, op, 'PROCESSOR_POOL', {
      applicationOpensAt: '2020-01-01T00:00:00+09:00',
      applicationClosesAt: '2020-02-01T00:00:00+09:00',
    });
    const pools = await t.http().get('/api/programs').query({ kind: 'PROCESSOR_POOL' }).expect(200);
    expect(pools.body.items.every((p: { kind: string }) => p.kind === 'PROCESSOR_POOL')).toBe(true);
    const open = await t
      .http()
      .get('/api/programs')
      .query({ open: 'true', pageSize: 200 })
      .expect(200);
    expect(
      open.body.items.every((p: { applicationWindow: string }) => p.applicationWindow === 'OPEN'),
    ).toBe(true);
    const closed = await t
      .http()
      .get('/api/programs')
      .query({ open: 'false', pageSize: 200 })
      .expect(200);
    expect(
      closed.body.items.map((p: { applicationWindow: string }) => p.applicationWindow),
    ).toContain('CLOSED');
    // Words of the title, in any case; a wildcard is itself.
    const named = await openProgram(t, op, 'PURCHASE_SUPPORT', {
      title: 'Autumn 100% Voucher Call',
    });
    const find = async (q: string) =>
      (await t.http().get('/api/programs').query({ q, pageSize: 200 }).expect(200)).body.items.map(
        (p: { id: string }) => p.id,
      );
    expect(await find('autumn 100%')).toEqual([named.id]);
    expect(await find('autumn 1_0%')).toEqual([]);
    await t
      .http()
      .get('/api/programs')
      .query({ q: 'x'.repeat(101) })
      .expect(400);
  });

  it('refuses bad calls with every problem and writes nothing', async () => {
    const before = await counts(t, ['programs', 'ledger_entries', 'audit_entries']);
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          kind: 'GRANT',
          title: 'x',
          applicationOpensAt: '2024-03-01T00:00:00Z',
          applicationClosesAt: null,
        },
        'kind',
      ],
      [
        {
          kind: 'PURCHASE_SUPPORT',
          title: 'x',
          applicationOpensAt: '2024-03-01T00:00:00Z',
          applicationClosesAt: null,
          budgetKrw: 0,
        },
        'budgetKrw',
      ],
      [
        {
          kind: 'PURCHASE_SUPPORT',
          title: 'x',
          applicationOpensAt: '2024-03-01T00:00:00Z',
          applicationClosesAt: null,
          budgetKrw: 10.5,
        },
        'budgetKrw',
      ],
      [
        {
          kind: 'PURCHASE_SUPPORT',
          title: 'x',
          applicationOpensAt: '2024-03-01T00:00:00Z',
          applicationClosesAt: null,
          budgetKrw: '1000',
        },
        'budgetKrw',
      ],
      [
        {
          kind: 'PURCHASE_SUPPORT',
          title: 'x',
          applicationOpensAt: 'March',
          applicationClosesAt: null,
          budgetKrw: 1000,
        },
        'applicationOpensAt',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post('/api/programs').set(op.auth).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const logic = await t
      .http()
      .post('/api/programs')
      .set(op.auth)
      .send({
        kind: 'PROCESSOR_POOL',
        title: 'x',
        applicationOpensAt: '2024-03-01T00:00:00Z',
        applicationClosesAt: '2024-02-01T00:00:00Z',
        budgetKrw: 1000,
        terms: { checklist: [] },
      })
      .expect(400);
    expect(logic.body.message).toMatch(
      /applicationClosesAt must be after[\s\S]*no budget[\s\S]*|no budget[\s\S]*applicationClosesAt/,
    );
    expect(logic.body.message).toContain('checklist');
    const weights = await t
      .http()
      .post('/api/programs')
      .set(op.auth)
      .send({
        kind: 'PROCESSING_SUPPORT',
        title: 'x',
        applicationOpensAt: '2024-03-01T00:00:00Z',
        applicationClosesAt: null,
        budgetKrw: 1000,
        terms: { criteria: [{ key: 'a', name: 'A', weight: 50 }] },
      })
      .expect(400);
    expect(weights.body.message).toContain('add up to 100, not 50');
    expect(await counts(t, ['programs', 'ledger_entries', 'audit_entries'])).toEqual(before);
  });

  it('changes a call: its budget moves in the ledger, never below what agreements hold, and its terms are fixed once it opens', async () => {
    const call = await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 100_000_000 });
    await voucherHolder(t, op, call.id, {
      category: 'SME',
      governmentKrw: 8_000_000,
      totalCostKrw: 10_000_000,
    });
    const patch = (body: object) =>
      t.http().patch(`/api/programs/${call.id}`).set(op.auth).send(body);
    const budget = async () =>
      (await t.http().get(`/api/programs/${call.id}/budget`).set(op.auth).expect(200)).body;

    // More money and a new title: granted in the ledger, the agreement untouched.
    const grown = await patch({ title: '추경 반영 구매지원', budgetKrw: 150_000_000 }).expect(200);
    expect(grown.body).toMatchObject({ title: '추경 반영 구매지원', budgetKrw: 150_000_000 });
    expect(await budget()).toMatchObject({
      budgetKrw: 150_000_000,
      availableKrw: 142_000_000,
      committedKrw: 8_000_000,
    });

    // Less money: down to what the agreement holds, not below.
    const before = await counts(t, ['ledger_entries', 'audit_entries']);
    const tooLow = await patch({ budgetKrw: 7_999_999 }).expect(400);
    expect(tooLow.body.message).toContain('at most what is left (142,000,000 KRW)');
    expect(tooLow.body.messageKo).toContain('잔액(142,000,000원)까지만');
    // The terms of an open call are what applicants applied on.
    const terms = await patch({
      terms: { money: { maxGovernmentRateBp: 9000, minOwnCashOfOwnBp: 0 } },
    }).expect(400);
    expect(terms.body.messageKo).toContain('지원 조건과 접수 시작일을 바꿀 수 없습니다');
    expect(await counts(t, ['ledger_entries', 'audit_entries'])).toEqual(before);

    await patch({ budgetKrw: 8_000_000 }).expect(200);
    expect(await budget()).toMatchObject({
      budgetKrw: 8_000_000,
      availableKrw: 0,
      committedKrw: 8_000_000,
    });
    const l = await ledger(t, call.id);
    expect(l).toMatchObject({ unbalancedJournals: 0, grandTotal: 0n, funding: -8_000_000n });

    // A call not yet open takes new terms, checked as when it was opened.
    const later = await openProgram(t, op, 'PROCESSING_SUPPORT', {
      applicationOpensAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      applicationClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const changed = await t
      .http()
      .patch(`/api/programs/${later.id}`)
      .set(op.auth)
      .send({ terms: { maxMonths: 6 } })
      .expect(200);
    expect(changed.body.terms).toMatchObject({
      maxMonths: 6,
      money: { maxGovernmentRateBp: 8000 },
    });
    await t
      .http()
      .patch(`/api/programs/${later.id}`)
      .set(op.auth)
      .send({ applicationClosesAt: new Date(Date.now()).toISOString() })
      .expect(400);
    const user = await signUp(t);
    await t
      .http()
      .patch(`/api/programs/${later.id}`)
      .set(user.auth)
      .send({ title: 'x' })
      .expect(403);
  });

  it('only operators open calls and see budgets', async () => {
    const user = await signUp(t);
    await t
      .http()
      .post('/api/programs')
      .set(user.auth)
      .send({ kind: 'PROCESSOR_POOL' })
      .expect(403);
    const call = await openProgram(t, op, 'PURCHASE_SUPPORT');
    await t.http().get(`/api/programs/${call.id}/budget`).set(user.auth).expect(403);
  });

  it('npm run seed loads the three 2024 calls once, even when run twice at the same time', async () => {
    const programs = t.app.get(ProgramsService);
    const [a, b] = await Promise.all([programs.seed2024(), programs.seed2024()]);
    expect([...a.created, ...b.created].sort()).toEqual([
      '2024-processing-support',
      '2024-processor-pool',
      '2024-purchase-support',
    ]);
    const again = await programs.seed2024();
    expect(again.created).toEqual([]);
    const rows: {
      slug: string;
      kind: string;
      budget_krw: string | null;
      target_count: number | null;
      application_closes_at: Date | null;
    }[] = await t.dataSource.query(
      `SELECT slug, kind, budget_krw, target_count, application_closes_at FROM programs WHERE slug LIKE '2024-%' ORDER BY slug`,
    );
    expect(rows.map((r) => [r.slug, r.kind, r.budget_krw, r.target_count])).toEqual([
      ['2024-processing-support', 'PROCESSING_SUPPORT', '1250000000', 25],
      ['2024-processor-pool', 'PROCESSOR_POOL', null, null],
      ['2024-purchase-support', 'PURCHASE_SUPPORT', '250000000', 25],
    ]);
    expect(rows.find((r) => r.slug === '2024-purchase-support')!.application_closes_at).toBeNull();
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_journals j JOIN programs p ON p.id = j.reference_id WHERE p.slug LIKE '2024-%' AND j.kind = 'BUDGET_GRANTED'`,
    );
    expect(n).toBe(2);
  });
});
