import fc from 'fast-check';
import Stripe from 'stripe';
import { ledger, openProgram, operator, type TestUser } from '../support/factories.js';
import { recordFigures } from '../support/figures.js';
import { listedKampProduct, moreListings, voucherHolder } from '../support/market.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What happened at Stripe to one order's payment, as the events it produces. */
const STORIES = {
  paid: ['payment_intent.succeeded'],
  'declined, then paid with another card': [
    'payment_intent.payment_failed',
    'payment_intent.succeeded',
  ],
  'declined, and the buyer gave up': ['payment_intent.payment_failed'],
  'paid, then refunded': ['payment_intent.succeeded', 'charge.refunded'],
  'paid, then partly refunded at Stripe': ['payment_intent.succeeded', 'charge.refunded:partial'],
} as const;
type Story = keyof typeof STORIES;
/** The state an order must end in, whatever order its events came in. */
const FINAL: Record<Story, string> = {
  paid: 'PAID',
  'declined, then paid with another card': 'PAID',
  'declined, and the buyer gave up': 'AWAITING_PAYMENT',
  'paid, then refunded': 'REFUNDED',
  'paid, then partly refunded at Stripe': 'PAID',
};
const FORGERIES = ['wrong secret', 'tampered body', 'no signature', 'stale timestamp'] as const;

/**
 * Stripe delivers events at least once and in no fixed order. Random stories of several orders,
 * every event sent one to three times, mixed with forged ones, shuffled and delivered in
 * concurrent waves: each order ends where its story says, each effect happens once, forgeries
 * change nothing, and the voucher and the ledger add up to the won.
 */
describe('webhooks: replays, shuffled order, concurrent duplicates, forgeries', () => {
  let t: TestApp;
  let op: TestUser;
  let products: string[];
  let programId: string;

  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    // Up to four stories a buyer, one product each: a buyer orders a product once.
    const listed = await listedKampProduct(t, { priceKrw: 1_000_000, license: 'INTERNAL_USE' });
    products = [
      listed.productId,
      ...(await moreListings(t, listed, 3, { priceKrw: 1_000_000, license: 'INTERNAL_USE' })),
    ];
    programId = (await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 250_000_000 })).id;
  }, 60_000);
  afterAll(() => t.close());

  /** An SME with a 4,000,000 KRW voucher (80%: 800,000 a product, the buyer pays 200,000). */
  const buyer = () =>
    voucherHolder(t, op, programId, {
      category: 'SME',
      governmentKrw: 4_000_000,
      totalCostKrw: 5_000_000,
    });

  function event(id: string, kind: string, intent: string, orderId: string) {
    const [type, partial] = kind.split(':');
    const object =
      type === 'charge.refunded'
        ? {
            id: `ch_${intent}`,
            object: 'charge',
            payment_intent: intent,
            amount: 200_000,
            currency: 'krw',
            amount_refunded: partial ? 50_000 : 200_000,
            metadata: { orderId },
          }
        : {
            id: intent,
            object: 'payment_intent',
            amount: 200_000,
            currency: 'krw',
            metadata: { orderId },
          };
    return JSON.stringify({ id, object: 'event', type, data: { object } });
  }

  function deliver(payload: string, forgery?: (typeof FORGERIES)[number]) {
    const secret = forgery === 'wrong secret' ? 'whsec_not_ours' : t.config.stripe.webhookSecret;
    const header = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: forgery === 'stale timestamp' ? Math.floor(Date.now() / 1000) - 3_600 : undefined,
    });
    const body = forgery === 'tampered body' ? payload.replace('200000', '1') : payload;
    const req = t
      .http()
      .post('/api/payments/stripe/webhook')
      .set('Content-Type', 'application/json');
    return (forgery === 'no signature' ? req : req.set('Stripe-Signature', header)).send(body);
  }

  it('any shuffle of duplicated events, with forgeries, ends in the same books', async () => {
    let requests = 0;
    let fiveHundreds = 0;
    let forged = 0;
    let replays = 0;
    let wonLost = 0;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...(Object.keys(STORIES) as Story[])), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.constantFrom(...FORGERIES), { maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 6 }),
        async (stories, copies, forgeries, seed, wave) => {
          run++;
          const b = await buyer();
          const body = {
            voucherId: b.voucherId,
            organizationId: b.org.id,
            expectedPriceKrw: 1_000_000,
          };
          const orders = [];
          for (const [i, story] of stories.entries()) {
            const res = await t
              .http()
              .post('/api/orders')
              .set(b.admin.auth)
              .send({ ...body, productId: products[i] })
              .expect(201);
            orders.push({ story, id: res.body.id, intent: res.body.payment.paymentIntentId });
          }
          // Every event of every story, each sent 1-3 times, the forgeries among them.
          const sends: { payload: string; forgery?: (typeof FORGERIES)[number] }[] = [];
          let n = 0;
          for (const [i, o] of orders.entries())
            for (const [j, type] of STORIES[o.story].entries()) {
              const payload = event(`evt_r${run}_${i}_${j}`, type, o.intent, o.id);
              const times = copies[n++ % copies.length];
              replays += times - 1;
              for (let k = 0; k < times; k++) sends.push({ payload });
            }
          for (const [i, forgery] of forgeries.entries()) {
            const o = orders[i % orders.length];
            sends.push({
              payload: event(`evt_forged_r${run}_${i}`, 'payment_intent.succeeded', o.intent, o.id),
              forgery,
            });
          }
          // A shuffle from the seed, then waves of concurrent deliveries.
          const rand = (() => {
            let x = seed || 1;
            return () => (x = (x * 48_271) % 2_147_483_647) / 2_147_483_647;
          })();
          for (let i = sends.length - 1; i > 0; i--) {
            const j = Math.floor(rand() * (i + 1));
            [sends[i], sends[j]] = [sends[j], sends[i]];
          }
          for (let i = 0; i < sends.length; i += wave) {
            const answers = await Promise.all(
              sends.slice(i, i + wave).map((s) => deliver(s.payload, s.forgery)),
            );
            answers.forEach((res, k) => {
              const s = sends[i + k];
              requests++;
              if (res.status >= 500) fiveHundreds++;
              if (s.forgery) {
                forged++;
                expect([s.forgery, res.status, res.body.code]).toEqual([
                  s.forgery,
                  400,
                  'INVALID_SIGNATURE',
                ]);
              } else
                expect([s.payload.slice(0, 90), res.status]).toEqual([s.payload.slice(0, 90), 200]);
            });
          }

          // Each order where its story ends, whatever came first.
          for (const o of orders) {
            const res = await t.http().get(`/api/orders/${o.id}`).set(b.admin.auth).expect(200);
            expect([o.story, res.body.status]).toEqual([o.story, FINAL[o.story]]);
          }
          const ids = orders.map((o) => o.id);
          const [effects] = await t.dataSource.query(
            `SELECT count(*) FILTER (WHERE kind = 'ORDER_PAID')::int AS paid,
                    count(*) FILTER (WHERE kind = 'ORDER_REFUNDED')::int AS refunded,
                    count(DISTINCT reference_id) FILTER (WHERE kind = 'ORDER_PAID')::int AS "paidOrders"
               FROM ledger_journals WHERE reference_id = ANY($1)`,
            [ids],
          );
          const everPaid = orders.filter((o) => FINAL[o.story] !== 'AWAITING_PAYMENT').length;
          const refunded = orders.filter((o) => FINAL[o.story] === 'REFUNDED').length;
          expect(effects).toEqual({ paid: everPaid, refunded, paidOrders: everPaid });
          const [recorded] = await t.dataSource.query(
            `SELECT count(*)::int AS n FROM payment_events WHERE id LIKE $1`,
            [`evt_forged_r${run}_%`],
          );
          expect(recorded.n).toBe(0);

          // The voucher: 800,000 spent per order that stays paid, 800,000 held per order still payable.
          const voucher = (
            await t.http().get(`/api/vouchers/${b.voucherId}`).set(b.admin.auth).expect(200)
          ).body;
          const paid = orders.filter((o) => FINAL[o.story] === 'PAID').length;
          const waiting = orders.filter((o) => FINAL[o.story] === 'AWAITING_PAYMENT').length;
          expect(voucher).toMatchObject({
            limitKrw: 4_000_000,
            spentKrw: paid * 800_000,
            reservedKrw: waiting * 800_000,
          });
          wonLost += Math.abs(
            voucher.limitKrw - voucher.balanceKrw - voucher.reservedKrw - voucher.spentKrw,
          );
          const books = await ledger(t, programId);
          expect([books.unbalancedJournals, books.grandTotal]).toEqual([0, 0n]);
        },
      ),
      { numRuns: 25 },
    );
    expect([fiveHundreds, wonLost]).toEqual([0, 0]);
    // Faults: every forged delivery and every replayed copy (the shuffles come on top).
    recordFigures('webhooks', { requests, faults: forged + replays, fiveHundreds, wonLost });
  }, 120_000);
});
