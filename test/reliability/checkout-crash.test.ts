import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/app/data-source.js';
import { StripeEmulator } from '../../src/modules/payments/index.js';
import { ChildService, childServiceEnv } from '../support/child-service.js';
import { cloneTestDatabase } from '../support/database.js';
import { ledger, openProgram, operator, type TestUser } from '../support/factories.js';
import { recordFigures } from '../support/figures.js';
import { listedKampProduct, moreListings, voucherHolder } from '../support/market.js';
import { type TestClient } from '../support/test-app.js';

const KEY = 'sk_test_crash_suite';
const WEBHOOK_SECRET = 'whsec_crash_suite';

/**
 * The service process killed with SIGKILL in the middle of checkouts, then started again. Stripe
 * lives outside the process (here an emulator in the test, reached through STRIPE_API_BASE, as
 * real Stripe would be), so payments made while the service is down are not lost with it.
 *
 * At the kill: one order awaiting payment that the buyer then pays while the service is down (its
 * webhook is lost), one that is never paid, and three orders whose requests were cut off after the
 * voucher money was reserved but before the PaymentIntent was recorded.
 */
describe('the service killed during checkout', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let emulator: StripeEmulator;
  let stripe: Stripe;
  let svc: ChildService;
  let dataSource: DataSource;
  let client: TestClient;
  let requests = 0;
  let fiveHundreds = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-crash-'));
    db = await cloneTestDatabase();
    emulator = new StripeEmulator(KEY, WEBHOOK_SECRET);
    const stripePort = await emulator.listen(0);
    stripe = new Stripe(KEY, { host: '127.0.0.1', port: stripePort, protocol: 'http' });
    const env = await childServiceEnv(db.url, dir, {
      STRIPE_SECRET_KEY: KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: `http://127.0.0.1:${stripePort}`,
    });
    emulator.setWebhookUrl(`http://127.0.0.1:${env.PORT}/api/payments/stripe/webhook`);
    svc = new ChildService(env);
    await svc.start();
    dataSource = await createDataSource(db.url).initialize();
    client = {
      http: () => {
        requests++;
        return request(svc.url);
      },
      dataSource,
    };
  }, 90_000);
  afterAll(async () => {
    await svc?.stop();
    await emulator?.close();
    await dataSource?.destroy();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const order = (buyer: TestUser, body: object, key: string) =>
    client.http().post('/api/orders').set(buyer.auth).set('Idempotency-Key', key).send(body);

  async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what} did not happen:\n${svc.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const statusOf = async (buyer: TestUser, id: string) => {
    const res = await client.http().get(`/api/orders/${id}`).set(buyer.auth);
    if (res.status >= 500) fiveHundreds++;
    return res.body.status as string;
  };

  const confirm = (paymentIntentId: string) =>
    stripe.paymentIntents.confirm(paymentIntentId, { payment_method: 'pm_card_visa' });

  it('after a restart every reservation is paid or released, nothing twice, and the voucher balances to the won', async () => {
    const op = await operator(client);
    // Five products of one seller: a buyer orders each product once.
    const listed = await listedKampProduct(client, {
      priceKrw: 1_000_000,
      license: 'INTERNAL_USE',
    });
    const products = [
      listed.productId,
      ...(await moreListings(client, listed, 4, { priceKrw: 1_000_000, license: 'INTERNAL_USE' })),
    ];
    const program = await openProgram(client, op, 'PURCHASE_SUPPORT', { budgetKrw: 250_000_000 });
    const buyer = await voucherHolder(client, op, program.id, {
      category: 'SME',
      governmentKrw: 10_000_000,
      totalCostKrw: 12_500_000,
    });
    const voucherId = buyer.voucherId;
    const KEYS = ['checkout-a', 'checkout-b', 'checkout-c1', 'checkout-c2', 'checkout-c3'];
    const body = (key: string) => ({
      productId: products[KEYS.indexOf(key)],
      voucherId,
      organizationId: buyer.org.id,
      expectedPriceKrw: 1_000_000,
    });

    // Before the crash: A (to be paid while the service is down) and B (never paid).
    const a = (await order(buyer.admin, body('checkout-a'), 'checkout-a').expect(201)).body;
    const b = (await order(buyer.admin, body('checkout-b'), 'checkout-b').expect(201)).body;
    expect([a.status, a.voucherKrw, a.buyerKrw]).toEqual(['AWAITING_PAYMENT', 800_000, 200_000]);

    // Three more, caught mid-request: Stripe answers slowly, and the service dies once their
    // reservations are committed, before it has recorded their PaymentIntents.
    emulator.latencyMs = 5_000; // far longer than the kill takes, so the cut is certain
    const inFlight = ['checkout-c1', 'checkout-c2', 'checkout-c3'].map((key) =>
      order(buyer.admin, body(key), key).then(
        (res) => res.status,
        () => 'cut off',
      ),
    );
    await until('three reservations committed', async () => {
      const [{ n }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM orders WHERE idempotency_key LIKE 'checkout-c%'`,
      );
      return n === 3 ? n : undefined;
    });
    await svc.kill();
    expect(await Promise.all(inFlight)).toEqual(['cut off', 'cut off', 'cut off']);
    emulator.latencyMs = 0;
    const cut: { id: string; idempotency_key: string; payment_intent_id: string | null }[] =
      await dataSource.query(
        `SELECT id, idempotency_key, payment_intent_id FROM orders WHERE idempotency_key LIKE 'checkout-c%' ORDER BY idempotency_key`,
      );
    expect(cut.map((o) => o.payment_intent_id)).toEqual([null, null, null]);

    // While the service is down: the buyer pays A at Stripe (the webhook cannot arrive), and the
    // payment window of B and of the abandoned c3 passes (the clock moved on).
    emulator.deliver = false;
    expect((await confirm(a.payment.paymentIntentId)).status).toBe('succeeded');
    emulator.deliver = true;
    await dataSource.query(
      `UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = ANY($1)`,
      [[b.id, cut[2].id]],
    );

    await svc.start();

    // At start the service asks Stripe about A, and releases B and c3.
    await until('A paid by reconciliation', async () =>
      (await statusOf(buyer.admin, a.id)) === 'PAID' ? true : undefined,
    );
    for (const id of [b.id, cut[2].id])
      await until(`order ${id} expired`, async () =>
        (await statusOf(buyer.admin, id)) === 'CANCELLED' ? true : undefined,
      );
    expect((await stripe.paymentIntents.retrieve(b.payment.paymentIntentId)).status).toBe(
      'canceled',
    );

    // The buyer's client retries c1 and c2 with their keys: the same orders, now payable.
    for (const o of cut.slice(0, 2)) {
      const retry = await order(buyer.admin, body(o.idempotency_key), o.idempotency_key).expect(
        201,
      );
      expect(retry.body).toMatchObject({
        id: o.id,
        status: 'AWAITING_PAYMENT',
        payment: { paymentIntentId: expect.stringMatching(/^pi_/) },
      });
      const pi = await stripe.paymentIntents.retrieve(retry.body.payment.paymentIntentId);
      expect([pi.amount, pi.metadata.orderId]).toEqual([200_000, o.id]);
      await confirm(pi.id);
      await until(`order ${o.id} paid`, async () =>
        (await statusOf(buyer.admin, o.id)) === 'PAID' ? true : undefined,
      );
    }

    // Nothing applied twice, nothing lost: three paid orders, each paid once; the voucher adds up.
    const orders: { key: string; n: number; status: string }[] = await dataSource.query(
      `SELECT idempotency_key AS key, count(*)::int AS n, min(status) AS status FROM orders GROUP BY 1 ORDER BY 1`,
    );
    expect(orders).toEqual([
      { key: 'checkout-a', n: 1, status: 'PAID' },
      { key: 'checkout-b', n: 1, status: 'CANCELLED' },
      { key: 'checkout-c1', n: 1, status: 'PAID' },
      { key: 'checkout-c2', n: 1, status: 'PAID' },
      { key: 'checkout-c3', n: 1, status: 'CANCELLED' },
    ]);
    const [paidTwice] = await dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT reference_id FROM ledger_journals WHERE kind = 'ORDER_PAID' GROUP BY 1 HAVING count(*) > 1) j`,
    );
    expect(paidTwice.n).toBe(0);
    const voucher = (
      await client.http().get(`/api/vouchers/${voucherId}`).set(buyer.admin.auth).expect(200)
    ).body;
    expect(voucher).toMatchObject({
      limitKrw: 10_000_000,
      spentKrw: 2_400_000,
      reservedKrw: 0,
      balanceKrw: 7_600_000,
    });
    const totals = await ledger(client, program.id);
    expect([totals.unbalancedJournals, totals.grandTotal]).toEqual([0, 0n]);
    const entitlements = await client
      .http()
      .get('/api/entitlements')
      .query({ organizationId: buyer.org.id })
      .set(buyer.admin.auth)
      .expect(200);
    expect(entitlements.body.items).toHaveLength(3);

    const wonLost =
      voucher.limitKrw - (voucher.balanceKrw + voucher.reservedKrw + voucher.spentKrw);
    expect(wonLost).toBe(0);
    expect(fiveHundreds).toBe(0);
    // Faults: the kill, the lost webhook, three requests cut off.
    recordFigures('process killed during checkout', { requests, faults: 5, fiveHundreds, wonLost });
  }, 120_000);
});
