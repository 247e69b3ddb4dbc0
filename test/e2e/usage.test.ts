import { UsageCounter } from '../../src/modules/usage/index.js';
import { seoulToday } from '../../src/platform/time/seoul-date.js';
import {
  openProgram,
  operator,
  selectedApplication,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import {
  listedKampProduct,
  orderWithVoucher,
  purchaseAgreement,
  sensorCsv,
} from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { asBuffer } from '../support/http.js';

const thisMonth = () => seoulToday().slice(0, 7);
const lastMonth = () => {
  const [y, m] = thisMonth().split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 15)).toISOString().slice(0, 7);
};

describe('usage figures: counts per product and month, for its seller and the operators, never who', () => {
  let t: TestApp;
  let op: TestUser;
  let listed: Awaited<ReturnType<typeof listedKampProduct>>;
  let other: Awaited<ReturnType<typeof listedKampProduct>>;
  let buyer: Awaited<ReturnType<typeof verifiedOrganization>> & { voucherId: string };
  let programId: string;

  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    listed = await listedKampProduct(t, {
      priceKrw: 700_000,
      license: 'COMMERCIAL',
      file: sensorCsv(),
    });
    other = await listedKampProduct(t, {
      priceKrw: 300_000,
      license: 'COMMERCIAL',
      file: sensorCsv('other.csv'),
      seller: listed.seller,
      organizationId: listed.organizationId,
    });
    const call = await openProgram(t, op, 'PURCHASE_SUPPORT');
    programId = call.id;
    const org = await verifiedOrganization(t, op, {
      category: 'NONPROFIT',
      industryCode: '72111',
      representativeName: `연구대표${Math.random()}`,
    });
    const application = await selectedApplication(
      t,
      op,
      org.admin,
      call.id,
      org.org.id,
      'PURCHASE_SUPPORT',
    );
    const voucherId = await purchaseAgreement(t, op, application, {
      governmentKrw: 2_000_000,
      totalCostKrw: 2_000_000,
    });
    buyer = { ...org, voucherId };
  });
  afterAll(() => t.close());

  it('counts a scripted mix of views, searches, previews and orders exactly, and the seller reads them', async () => {
    const counter = t.app.get(UsageCounter);
    await counter.flush();
    const http = () => t.http();
    // 3 anonymous views, 2 from search (each also a view), 1 by a buyer.
    for (let i = 0; i < 3; i++) await http().get(`/api/products/${listed.productId}`).expect(200);
    for (let i = 0; i < 2; i++)
      await http().get(`/api/products/${listed.productId}?ref=search`).expect(200);
    await http().get(`/api/products/${listed.productId}`).set(buyer.admin.auth).expect(200);
    // The seller's own views are not counted, nor an unknown product's.
    await http().get(`/api/products/${listed.productId}`).set(listed.seller.auth).expect(200);
    // 4 searches that show it (and the other product), 1 that does not.
    for (let i = 0; i < 4; i++) await http().get('/api/products?q=용해탱크').expect(200);
    await http().get('/api/products?q=존재하지않는검색어').expect(200);
    // 2 sample previews.
    for (let i = 0; i < 2; i++)
      await http().get(`/api/products/${listed.productId}/samples/${listed.fileId}`).expect(200);
    // One order paid by the voucher, and one awaiting its card payment (not counted).
    const paid = await orderWithVoucher(t, buyer, listed.productId, 700_000).expect(201);
    expect(paid.body.status).toBe('PAID');
    const card = await verifiedOrganization(t, op, {
      representativeName: `카드대표${Math.random()}`,
    });
    const unpaid = await http()
      .post('/api/orders')
      .set(card.admin.auth)
      .send({ productId: listed.productId, organizationId: card.org.id, expectedPriceKrw: 700_000 })
      .expect(201);
    expect(unpaid.body.status).toBe('AWAITING_PAYMENT');
    // A view counted last month, as a request near midnight on the 1st would be.
    counter.count(listed.productId, 'views', new Date(`${lastMonth()}-20T12:00:00+09:00`));

    // Nothing is written until the batch is: the figures lag by at most USAGE_FLUSH_SECONDS.
    await counter.flush();
    const figures = await http()
      .get(`/api/products/${listed.productId}/usage?from=${lastMonth()}&to=${thisMonth()}`)
      .set(listed.seller.auth)
      .expect(200);
    expect(figures.body.months).toEqual([
      expect.objectContaining({ month: lastMonth(), views: 1, orders: 0 }),
      {
        month: thisMonth(),
        views: 6,
        searchImpressions: 4,
        searchClicks: 2,
        samplePreviews: 2,
        accessRequests: 0,
        orders: 1,
        revenueKrw: 700_000,
        voucherKrw: 700_000,
        ownKrw: 0,
      },
    ]);
    expect(figures.body.buyers).toEqual({
      byIndustry: [{ industryDivision: '72', buyers: 1, orders: 1, revenueKrw: 700_000 }],
      byCategory: [{ category: 'NONPROFIT', buyers: 1, orders: 1, revenueKrw: 700_000 }],
    });
    // Counts only: the table holds no viewer, and no answer names a buyer.
    const columns = await t.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'product_usage_monthly'`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name).sort()).toEqual([
      'month',
      'product_id',
      'sample_previews',
      'search_clicks',
      'search_impressions',
      'updated_at',
      'views',
    ]);
    expect(JSON.stringify(figures.body)).not.toContain(buyer.org.id);
  });

  it('adds up what several instances counted, and keeps a batch the database could not take for the next flush', async () => {
    const counter = t.app.get(UsageCounter);
    // A second instance's counter: its own memory, the same table.
    const second = new (UsageCounter as unknown as new (...a: unknown[]) => UsageCounter)(
      t.dataSource,
      { usage: { flushSeconds: 60 } },
    );
    const before = await views(other.productId);
    for (let i = 0; i < 50; i++) {
      counter.count(other.productId, 'views');
      second.count(other.productId, 'views');
    }
    await Promise.all([counter.flush(), second.flush(), counter.flush()]);
    expect(await views(other.productId)).toBe(before + 100);

    // The table cannot be written for a while (here: renamed away): the counts wait in memory.
    second.count(other.productId, 'views');
    await t.dataSource.query(`ALTER TABLE product_usage_monthly RENAME TO usage_away`);
    try {
      expect(await second.flush()).toBe(0);
      second.count(other.productId, 'views');
    } finally {
      await t.dataSource.query(`ALTER TABLE usage_away RENAME TO product_usage_monthly`);
    }
    expect(await views(other.productId)).toBe(before + 100);
    expect(await second.flush()).toBe(1);
    expect(await views(other.productId)).toBe(before + 102);
  });

  it('lets only the seller and operators read a product’s figures, and gives operators the exchange and each program', async () => {
    await t.http().get(`/api/products/${listed.productId}/usage`).expect(401);
    await t.http().get(`/api/products/${listed.productId}/usage`).set(buyer.admin.auth).expect(404);
    await t.http().get('/api/usage').set(listed.seller.auth).expect(403);
    const bad = await t
      .http()
      .get(`/api/products/${listed.productId}/usage?from=2026-13`)
      .set(listed.seller.auth)
      .expect(400);
    expect(bad.body.messageKo).toBeTruthy();
    await t
      .http()
      .get(`/api/products/${listed.productId}/usage?from=2026-10&to=2026-01`)
      .set(listed.seller.auth)
      .expect(400);

    const all = await t.http().get('/api/usage').set(op.auth).expect(200);
    const now = all.body.months.find((m: { month: string }) => m.month === thisMonth());
    expect(now.orders).toBeGreaterThanOrEqual(1);
    expect(all.body.months).toHaveLength(12);
    // The purchase-support call: the product its voucher bought, and only that.
    const program = await t
      .http()
      .get(`/api/usage?programId=${programId}`)
      .set(op.auth)
      .expect(200);
    const inProgram = program.body.months.find((m: { month: string }) => m.month === thisMonth());
    expect(inProgram).toMatchObject({ orders: 1, revenueKrw: 700_000, voucherKrw: 700_000 });

    const csv = await t
      .http()
      .get(`/api/products/${listed.productId}/usage?format=csv`)
      .set(listed.seller.auth)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('상세 조회 (views)');
    expect(csv.text).toContain(`${thisMonth()},6,4,2,2,0,1,700000,700000,0`);
    const xlsx = await t
      .http()
      .get(`/api/products/${listed.productId}/usage?format=xlsx`)
      .set(listed.seller.auth)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  async function views(productId: string): Promise<number> {
    const [row] = await t.dataSource.query(
      `SELECT coalesce(sum(views), 0)::int AS n FROM product_usage_monthly WHERE product_id = $1`,
      [productId],
    );
    return row.n;
  }
});
