import { DomainEvents } from '../../src/platform/events/domain-events.js';
import { createHash } from 'node:crypto';
import { OrdersService } from '../../src/modules/orders/orders.service.js';
import { OrderPayments } from '../../src/modules/orders/order-payments.service.js';
import { PaymentsHub } from '../../src/modules/payments/payments-hub.service.js';
import { VouchersService } from '../../src/modules/vouchers/vouchers.service.js';
import { StripeEmulator } from '../../src/modules/payments/index.js';
import {
  addMember,
  ledger,
  login,
  openProgram,
  operator,
  selectedApplication,
  signUp,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import {
  confirmAtEmulator,
  day,
  listedKampProduct,
  moreListings,
  orderWithVoucher,
  sendSignedEvent,
  voucherHolder as holdVoucher,
} from '../support/market.js';
import { asBuffer } from '../support/http.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('purchase support and checkout', () => {
  let t: TestApp;
  let op: TestUser;
  const PRICE = 3_000_000;
  let productId: string;
  /** More products of the same seller, for a buyer that orders several. */
  let others: string[];
  let programId: string;
  let kampBytes: Buffer;
  let seller: TestUser;

  /** A buyer with a purchase-support voucher of the given government money. */
  const voucherHolder = (
    category: 'SME' | 'NONPROFIT',
    governmentKrw: number,
    totalCostKrw: number,
  ) => holdVoucher(t, op, programId, { category, governmentKrw, totalCostKrw });

  const confirm = (paymentIntentId: string, paymentMethod: string) =>
    confirmAtEmulator(t, paymentIntentId, paymentMethod);

  /** A Stripe event about an order's PaymentIntent, signed with the webhook secret, as Stripe would. */
  const signedEvent = (
    eventId: string,
    type: string,
    order: { id: string; payment: { paymentIntentId: string } },
  ) =>
    sendSignedEvent(t, t.config.stripe.webhookSecret, {
      id: eventId,
      type,
      object: {
        id: order.payment.paymentIntentId,
        object: 'payment_intent',
        amount: 600_000,
        currency: 'krw',
        metadata: { orderId: order.id },
      },
    });

  /** Polls until the probe answers a non-empty list (a webhook arrives over HTTP, a moment later). */
  async function waitFor<T>(probe: () => Promise<T[]>): Promise<T[]> {
    for (let i = 0; i < 100; i++) {
      const rows = await probe();
      if (rows.length) return rows;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('nothing arrived');
  }

  async function orderStatus(user: TestUser, id: string, want: string) {
    for (let i = 0; i < 100; i++) {
      const res = await t.http().get(`/api/orders/${id}`).set(user.auth).expect(200);
      if (res.body.status === want) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`order ${id} never became ${want}`);
  }

  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    const listed = await listedKampProduct(t, {
      priceKrw: 3_000_000,
      license: 'RESEARCH_ONLY',
      representativeName: '판매대표',
    });
    kampBytes = listed.bytes;
    seller = listed.seller;
    productId = listed.productId;
    others = await moreListings(t, listed, 6, { priceKrw: PRICE, license: 'RESEARCH_ONLY' });
    programId = (await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 250_000_000 })).id;
  });
  afterAll(() => t.close());

  it('a university lab buys with its voucher for 0 won of its own and downloads the exact bytes', async () => {
    const lab = await voucherHolder('NONPROFIT', 3_000_000, 3_000_000);
    const quote = await t
      .http()
      .post('/api/orders/quote')
      .set(lab.admin.auth)
      .send({ productId, voucherId: lab.voucherId })
      .expect(200);
    expect(quote.body).toMatchObject({
      priceKrw: 3_000_000,
      voucherKrw: 3_000_000,
      buyerKrw: 0,
      rateBp: 10_000,
    });
    const order = await orderWithVoucher(t, lab, productId, PRICE).expect(201);
    expect(order.body).toMatchObject({
      status: 'PAID',
      voucherKrw: 3_000_000,
      buyerKrw: 0,
      supplyKrw: 2_727_272,
      vatKrw: 272_728,
      payment: null,
    });

    const voucher = await t
      .http()
      .get(`/api/vouchers/${lab.voucherId}`)
      .set(lab.admin.auth)
      .expect(200);
    expect(voucher.body).toMatchObject({
      limitKrw: 3_000_000,
      balanceKrw: 0,
      reservedKrw: 0,
      spentKrw: 3_000_000,
    });
    const entitlements = await t
      .http()
      .get('/api/entitlements')
      .query({ organizationId: lab.org.id })
      .set(lab.admin.auth)
      .expect(200);
    expect(entitlements.body).toEqual({
      items: [expect.objectContaining({ productId, versionBought: 1, license: 'RESEARCH_ONLY' })],
      total: 1,
      page: 1,
      pageSize: 50,
    });

    const download = await t
      .http()
      .get(`/api/products/${productId}/download`)
      .query({ organizationId: lab.org.id })
      .set(lab.admin.auth)
      .expect(200);
    const [file] = download.body.files;
    const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    expect(bytes.equals(kampBytes)).toBe(true);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM downloads`);
    expect(n).toBe(1);
  });

  it('completing a purchase agreement gives back what its voucher did not spend, and says how much', async () => {
    const lab = await voucherHolder('NONPROFIT', 5_000_000, 5_000_000);
    await orderWithVoucher(t, lab, productId, PRICE).expect(201);
    const budget = async () =>
      (await t.http().get(`/api/programs/${programId}/budget`).set(op.auth).expect(200)).body;
    const before = await budget();
    const done = await t
      .http()
      .post(`/api/applications/${lab.applicationId}/complete`)
      .set(op.auth)
      .send({ reason: '구매 완료' })
      .expect(201);
    expect(done.body).toMatchObject({ status: 'COMPLETED', releasedKrw: 5_000_000 - PRICE });
    const after = await budget();
    expect(after.availableKrw - before.availableKrw).toBe(5_000_000 - PRICE);
    const voucher = await t
      .http()
      .get(`/api/vouchers/${lab.voucherId}`)
      .set(lab.admin.auth)
      .expect(200);
    expect(voucher.body).toMatchObject({ status: 'CLOSED', balanceKrw: 0, spentKrw: PRICE });
    expect((await ledger(t, programId)).grandTotal).toBe(0n);
  });

  it('people hear what happened: the seller of a sale, the buyer of its payment and refund, the applicant of its decision; once each, and only their own', async () => {
    const inbox = async (user: TestUser, unread = false) =>
      (
        await t
          .http()
          .get(`/api/me/notifications?pageSize=100${unread ? '&unread=true' : ''}`)
          .set(user.auth)
          .expect(200)
      ).body;
    const kinds = async (user: TestUser) =>
      (await inbox(user)).items.map((n: { kind: string }) => n.kind);
    const lab = await voucherHolder('NONPROFIT', 3_000_000, 3_000_000);
    // The application's decision and agreement reach the applicant's admin.
    await eventually('the decision', async () => {
      const ks = await kinds(lab.admin);
      return ks.includes('application.decided') && ks.includes('agreement.signed');
    });
    const order = await orderWithVoucher(t, lab, productId, PRICE).expect(201);
    const sold = await eventually('the sale', async () =>
      (await inbox(seller)).items.find(
        (n: { kind: string; createdAt: string }) => n.kind === 'order.sold',
      ),
    );
    expect(sold).toMatchObject({
      titleKo: '판매되었습니다: 용해탱크 데이터',
      bodyKo: expect.stringContaining('판매 금액 3,000,000원'),
      link: '/sell?tab=sales',
      readAt: null,
    });
    await eventually('the payment', async () => (await kinds(lab.admin)).includes('order.paid'));
    // Delivered again (a retried job, a sweep), the sale is not told twice.
    const [{ id: eventId }] = await t.dataSource.query(
      `SELECT id FROM domain_events WHERE type = 'order.paid' AND subject_id = $1`,
      [order.body.id],
    );
    await t.dataSource.query(
      `DELETE FROM event_deliveries WHERE event_id = $1 AND consumer = 'notifications.order_paid'`,
      [eventId],
    );
    await t.app.get(DomainEvents).deliver(eventId);
    expect(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM notifications WHERE event_id = $1`,
          [eventId],
        )
      )[0].n,
    ).toBe(2); // the buyer's admin and the seller's admin, once each

    // Read: the unread count falls; someone else's notification is not theirs to read.
    const before = (await inbox(seller)).unread;
    await t.http().post(`/api/me/notifications/${sold.id}/read`).set(lab.admin.auth).expect(404);
    const read = await t
      .http()
      .post(`/api/me/notifications/${sold.id}/read`)
      .set(seller.auth)
      .expect(201);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await inbox(seller)).unread).toBe(before - 1);
    expect((await inbox(seller, true)).items.map((n: { id: string }) => n.id)).not.toContain(
      sold.id,
    );

    // A refund reaches both sides with its reason.
    await t
      .http()
      .post(`/api/orders/${order.body.id}/refund`)
      .set(op.auth)
      .send({ reason: '설명과 다른 데이터' })
      .expect(201);
    for (const user of [lab.admin, seller])
      await eventually('the refund', async () =>
        (await inbox(user)).items.find(
          (n: { kind: string; bodyKo: string }) =>
            n.kind === 'order.refunded' && n.bodyKo === '사유: 설명과 다른 데이터',
        ),
      );
    await t.http().post('/api/me/notifications/read-all').set(seller.auth).expect(201);
    expect((await inbox(seller)).unread).toBe(0);
  });

  it("entitlements and downloads mean the caller's organization when it has one; a caller in several is asked which, with the choices", async () => {
    const lab = await voucherHolder('NONPROFIT', 3_000_000, 3_000_000);
    await t
      .http()
      .post('/api/orders')
      .set(lab.admin.auth)
      .send({
        productId: others[5],
        voucherId: lab.voucherId,
        organizationId: lab.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(201);
    const mine = await t.http().get('/api/entitlements').set(lab.admin.auth).expect(200);
    expect(mine.body.items.map((e: { productId: string }) => e.productId)).toEqual([others[5]]);
    const files = await t
      .http()
      .get(`/api/products/${others[5]}/download?version=1`)
      .set(lab.admin.auth)
      .expect(200);
    expect(files.body.files[0].sha256).toBe(createHash('sha256').update(kampBytes).digest('hex'));
    // A second organization: now the caller must say which.
    const second = await verifiedOrganization(t, op, { representativeName: '두번째기관' });
    await addMember(t, second.admin, second.org.id, lab.admin);
    const again = await login(t, lab.admin.email, lab.admin.password);
    const ask = await t.http().get('/api/entitlements').set(again.auth).expect(400);
    expect(ask.body.details[0]).toMatchObject({
      field: 'organizationId',
      choices: expect.arrayContaining([{ id: lab.org.id, name: expect.any(String) }]),
    });
    expect(ask.body.details[0].choices).toHaveLength(2);
    await t
      .http()
      .get(`/api/entitlements?organizationId=${lab.org.id}`)
      .set(again.auth)
      .expect(200);
  });

  it('an SME pays its 20% through Stripe (the emulator) and gets its entitlement; a refund restores the voucher', async () => {
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const quote = await t
      .http()
      .post('/api/orders/quote')
      .set(sme.admin.auth)
      .send({ productId, voucherId: sme.voucherId })
      .expect(200);
    expect(quote.body).toMatchObject({ voucherKrw: 2_400_000, buyerKrw: 600_000 });
    const body = {
      productId,
      voucherId: sme.voucherId,
      organizationId: sme.org.id,
      expectedPriceKrw: PRICE,
    };
    const order = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .set('Idempotency-Key', 'sme-order-0001')
      .send(body)
      .expect(201);
    expect(order.body).toMatchObject({
      status: 'AWAITING_PAYMENT',
      voucherKrw: 2_400_000,
      buyerKrw: 600_000,
      payment: {
        paymentIntentId: expect.stringMatching(/^pi_/),
        clientSecret: expect.stringMatching(/_secret_/),
      },
    });
    const again = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .set('Idempotency-Key', 'sme-order-0001')
      .send(body)
      .expect(201);
    expect(again.body.id).toBe(order.body.id);
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body,
    ).toMatchObject({ balanceKrw: 7_600_000, reservedKrw: 2_400_000 });
    await t
      .http()
      .get(`/api/products/${productId}/download`)
      .query({ organizationId: sme.org.id })
      .set(sme.admin.auth)
      .expect(403);

    expect((await confirm(order.body.payment.paymentIntentId, 'pm_card_visa')).status).toBe(200);
    const paid = await orderStatus(sme.admin, order.body.id, 'PAID');
    expect(paid.paidAt).toBeTruthy();
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body,
    ).toMatchObject({ balanceKrw: 7_600_000, reservedKrw: 0, spentKrw: 2_400_000 });
    await t
      .http()
      .get(`/api/products/${productId}/download`)
      .query({ organizationId: sme.org.id })
      .set(sme.admin.auth)
      .expect(200);

    await t
      .http()
      .post(`/api/orders/${order.body.id}/refund`)
      .set(sme.admin.auth)
      .send({ reason: 'x' })
      .expect(403);
    const refunded = await t
      .http()
      .post(`/api/orders/${order.body.id}/refund`)
      .set(op.auth)
      .send({ reason: '데이터 오류로 환불' })
      .expect(201);
    expect(refunded.body.status).toBe('REFUNDED');
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body,
    ).toMatchObject({ balanceKrw: 10_000_000, reservedKrw: 0, spentKrw: 0 });
    const denied = await t
      .http()
      .get(`/api/products/${productId}/download`)
      .query({ organizationId: sme.org.id })
      .set(sme.admin.auth)
      .expect(403);
    expect(denied.body.code).toBe('NOT_ENTITLED');
    // Stripe's charge.refunded webhook may land before or after the API's own transaction
    // commits; whichever comes second finds the order refunded. Either way it applies once.
    let events: { type: string; outcome: string }[] = [];
    for (let i = 0; i < 100 && events.length < 2; i++) {
      events = await t.dataSource.query(
        `SELECT type, outcome FROM payment_events WHERE order_id = $1 ORDER BY received_at`,
        [order.body.id],
      );
      if (events.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(events.map((e) => e.type)).toEqual(['payment_intent.succeeded', 'charge.refunded']);
    expect(events[0].outcome).toBe('paid');
    expect(['refunded', 'already refunded']).toContain(events[1].outcome);
    const journals = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_journals
        WHERE kind = 'ORDER_REFUNDED' AND reference_id = $1`,
      [order.body.id],
    );
    expect(journals[0].n).toBe(1);
  });

  it('a declined card leaves the order payable and the buyer pays with another card; a cancel gives the voucher back and stops the payment', async () => {
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const body = {
      productId,
      voucherId: sme.voucherId,
      organizationId: sme.org.id,
      expectedPriceKrw: PRICE,
    };
    const order = await t.http().post('/api/orders').set(sme.admin.auth).send(body).expect(201);
    const intent = order.body.payment.paymentIntentId;
    expect((await confirm(intent, 'pm_card_chargeDeclined')).status).toBe(402);
    const emulator = t.app.get(StripeEmulator);
    const declined = await waitFor(() =>
      t.dataSource.query(`SELECT outcome FROM payment_events WHERE order_id = $1`, [order.body.id]),
    );
    expect(declined).toEqual([{ outcome: 'declined: the order stays payable until it expires' }]);
    expect(
      (await t.http().get(`/api/orders/${order.body.id}`).set(sme.admin.auth)).body,
    ).toMatchObject({ status: 'AWAITING_PAYMENT', payment: { paymentIntentId: intent } });
    expect((await confirm(intent, 'pm_card_visa')).status).toBe(200);
    await orderStatus(sme.admin, order.body.id, 'PAID');
    expect(
      emulator.sent.filter((e) => e.type.startsWith('payment_intent.')).length,
    ).toBeGreaterThan(1);
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body,
    ).toMatchObject({ balanceKrw: 7_600_000, reservedKrw: 0, spentKrw: 2_400_000 });

    // Bought once per licence term: the same product again is refused, naming the entitlement.
    const again = await t.http().post('/api/orders').set(sme.admin.auth).send(body).expect(409);
    expect(again.body).toMatchObject({
      code: 'ALREADY_ENTITLED',
      details: { entitlementId: expect.any(String) },
    });

    const second = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .send({ ...body, productId: others[0] })
      .expect(201);
    await t.http().post(`/api/orders/${second.body.id}/cancel`).set(sme.admin.auth).expect(201);
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body.balanceKrw,
    ).toBe(7_600_000);
    // Cancelled at Stripe too: the buyer can no longer pay what is no longer reserved.
    expect((await confirm(second.body.payment.paymentIntentId, 'pm_card_visa')).status).toBe(400);
    expect(
      (await t.http().post(`/api/orders/${second.body.id}/cancel`).set(sme.admin.auth).expect(409))
        .body.code,
    ).toBe('INVALID_TRANSITION');
  });

  it('a cancel that races the payment finds it paid at Stripe: the order is paid, not cancelled, and the buyer keeps what it bought', async () => {
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const body = {
      productId,
      voucherId: sme.voucherId,
      organizationId: sme.org.id,
      expectedPriceKrw: PRICE,
    };
    const order = await t.http().post('/api/orders').set(sme.admin.auth).send(body).expect(201);
    const emulator = t.app.get(StripeEmulator);
    emulator.deliver = false; // the success webhook is still on its way
    try {
      expect((await confirm(order.body.payment.paymentIntentId, 'pm_card_visa')).status).toBe(200);
      const cancel = await t
        .http()
        .post(`/api/orders/${order.body.id}/cancel`)
        .set(sme.admin.auth)
        .expect(409);
      expect(cancel.body.message).toContain('has just been paid');
    } finally {
      emulator.deliver = true;
    }
    expect(
      (await t.http().get(`/api/orders/${order.body.id}`).set(sme.admin.auth)).body.status,
    ).toBe('PAID');
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body,
    ).toMatchObject({ spentKrw: 2_400_000, reservedKrw: 0, balanceKrw: 7_600_000 });
  });

  it('refuses forged webhooks with 400, and a replayed event applies once', async () => {
    const forged = await t
      .http()
      .post('/api/payments/stripe/webhook')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', 't=1,v1=deadbeef')
      .send('{"id":"evt_x","type":"payment_intent.succeeded"}')
      .expect(400);
    expect(forged.body.code).toBe('INVALID_SIGNATURE');
    await t
      .http()
      .post('/api/payments/stripe/webhook')
      .set('Content-Type', 'application/json')
      .send('{}')
      .expect(400);

    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const order = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .send({
        productId,
        voucherId: sme.voucherId,
        organizationId: sme.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(201);
    const send = () => signedEvent('evt_replayed_once', 'payment_intent.succeeded', order.body);
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.body.outcome).sort()).toEqual(['duplicate', 'duplicate', 'paid']);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ledger_journals WHERE kind = 'ORDER_PAID' AND reference_id = $1`,
      [order.body.id],
    );
    expect(n).toBe(1);
  });

  it('twenty concurrent orders of six products never spend a voucher past its balance, and make one order a product', async () => {
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const products = [productId, ...others.slice(0, 5)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .post('/api/orders')
          .set(sme.admin.auth)
          .send({
            productId: products[i % products.length],
            voucherId: sme.voucherId,
            organizationId: sme.org.id,
            expectedPriceKrw: PRICE,
          }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const voucherParts = created.map((r) => r.body.voucherKrw as number);
    // 2,400,000 four times, then the 400,000 left, then nothing: five products, once each.
    expect(voucherParts.sort((a, b) => b - a)).toEqual([
      2_400_000, 2_400_000, 2_400_000, 2_400_000, 400_000,
    ]);
    expect(new Set(created.map((r) => r.body.productId)).size).toBe(5);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.length).toBe(15);
    expect(
      refused.every((r) => ['VOUCHER_EXHAUSTED', 'ORDER_IN_PROGRESS'].includes(r.body.code)),
    ).toBe(true);
    const v = (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body;
    expect(v).toMatchObject({ balanceKrw: 0, reservedKrw: 10_000_000 });
    const all = await ledger(t, programId);
    expect(all.unbalancedJournals).toBe(0);
    expect(all.grandTotal).toBe(0n);
  });

  it("refuses related parties, one's own product, and a voucher of another organization", async () => {
    const twin = await verifiedOrganization(t, op, {
      category: 'SME',
      representativeName: '판매대표',
    });
    const res = await t
      .http()
      .post('/api/orders')
      .set(twin.admin.auth)
      .send({ productId, organizationId: twin.org.id, expectedPriceKrw: PRICE })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'RELATED_PARTY',
      details: { links: [{ kind: 'SAME_REPRESENTATIVE', detail: '판매대표' }] },
    });
    const other = await voucherHolder('SME', 10_000_000, 12_500_000);
    const stranger = await verifiedOrganization(t, op, {
      category: 'SME',
      representativeName: '남남',
    });
    await t
      .http()
      .post('/api/orders')
      .set(stranger.admin.auth)
      .send({
        productId,
        voucherId: other.voucherId,
        organizationId: stranger.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(404);
  });

  it('a payment whose webhook was lost is completed by reconciliation; a late failure event never moves it back', async () => {
    const emulator = t.app.get(StripeEmulator);
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const order = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .send({
        productId,
        voucherId: sme.voucherId,
        organizationId: sme.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(201);
    emulator.deliver = false;
    try {
      expect((await confirm(order.body.payment.paymentIntentId, 'pm_card_visa')).status).toBe(200);
    } finally {
      emulator.deliver = true;
    }
    expect(
      (await t.http().get(`/api/orders/${order.body.id}`).set(sme.admin.auth)).body.status,
    ).toBe('AWAITING_PAYMENT');
    expect(await t.app.get(PaymentsHub).reconcile(0)).toBe(1);
    expect(
      (await t.http().get(`/api/orders/${order.body.id}`).set(sme.admin.auth)).body.status,
    ).toBe('PAID');

    const late = await signedEvent(
      'evt_late_failure',
      'payment_intent.payment_failed',
      order.body,
    ).expect(200);
    expect(late.body.outcome).toBe('ignored: order is PAID');
    expect(
      (await t.http().get(`/api/orders/${order.body.id}`).set(sme.admin.auth)).body.status,
    ).toBe('PAID');
  });

  it('reconciliation walks every waiting order page by page, and ends: a paid one among unpaid ones is found', async () => {
    const emulator = t.app.get(StripeEmulator);
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const body = { voucherId: sme.voucherId, organizationId: sme.org.id, expectedPriceKrw: PRICE };
    const orders = [];
    for (const product of [productId, ...others.slice(0, 2)])
      orders.push(
        (
          await t
            .http()
            .post('/api/orders')
            .set(sme.admin.auth)
            .send({ ...body, productId: product })
            .expect(201)
        ).body,
      );
    emulator.deliver = false; // one is paid, its webhook lost; the two others are not paid
    try {
      await confirm(orders[2].payment.paymentIntentId, 'pm_card_visa');
    } finally {
      emulator.deliver = true;
    }
    const reconcile = async (pageSize: number) => {
      const orders = t.app.get(OrderPayments);
      orders.pageSize = pageSize;
      try {
        return await t.app.get(PaymentsHub).reconcile(0);
      } finally {
        orders.pageSize = 200;
      }
    };
    // One order a page: the walk has to go through every page to find the paid one, wherever it sorts.
    expect(await reconcile(1)).toBe(1);
    expect(
      (await t.http().get(`/api/orders/${orders[2].id}`).set(sme.admin.auth)).body.status,
    ).toBe('PAID');
    for (const o of orders.slice(0, 2))
      await t.http().post(`/api/orders/${o.id}/cancel`).set(sme.admin.auth).expect(201);
  });

  it('an order whose PaymentIntent Stripe does not know (the emulator restarted) is closed by reconciliation, its voucher part released', async () => {
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const body = {
      productId,
      voucherId: sme.voucherId,
      organizationId: sme.org.id,
      expectedPriceKrw: PRICE,
    };
    const order = await t.http().post('/api/orders').set(sme.admin.auth).send(body).expect(201);
    await t.dataSource.query(
      `UPDATE orders SET payment_intent_id = 'pi_unknown_here' WHERE id = $1`,
      [order.body.id],
    );
    expect(await t.app.get(PaymentsHub).reconcile(0)).toBe(0);
    const closed = (await t.http().get(`/api/orders/${order.body.id}`).set(sme.admin.auth)).body;
    expect([closed.status, closed.closeReason]).toEqual([
      'CANCELLED',
      'its PaymentIntent is unknown to Stripe',
    ]);
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body,
    ).toMatchObject({ balanceKrw: 10_000_000, reservedKrw: 0 });
  });

  it('an unpaid order expires and releases its reservation; an expired voucher cannot pay and goes back to the budget', async () => {
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const order = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .send({
        productId,
        voucherId: sme.voucherId,
        organizationId: sme.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(201);
    const orders = t.app.get(OrdersService);
    expect(await orders.expireUnpaid(new Date())).toBe(0);
    expect(await orders.expireUnpaid(new Date(Date.now() + 31 * 60_000))).toBeGreaterThanOrEqual(1);
    const expired = await t
      .http()
      .get(`/api/orders/${order.body.id}`)
      .set(sme.admin.auth)
      .expect(200);
    expect(expired.body).toMatchObject({ status: 'CANCELLED', closeReason: 'not paid in time' });
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body.balanceKrw,
    ).toBe(10_000_000);

    const before = (await t.http().get(`/api/programs/${programId}/budget`).set(op.auth)).body;
    expect(
      await t.app.get(VouchersService).expire(new Date(Date.now() + 200 * 86_400_000)),
    ).toBeGreaterThanOrEqual(1);
    const after = (await t.http().get(`/api/programs/${programId}/budget`).set(op.auth)).body;
    expect(after.releasedKrw - before.releasedKrw).toBeGreaterThanOrEqual(10_000_000);
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body,
    ).toMatchObject({ status: 'EXPIRED', balanceKrw: 0 });
    const refused = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .send({
        productId,
        voucherId: sme.voucherId,
        organizationId: sme.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(409);
    expect(refused.body.code).toBe('VOUCHER_EXPIRED');
    const l = await ledger(t, programId);
    expect(l).toMatchObject({ unbalancedJournals: 0, grandTotal: 0n });
  });

  it('sellers are owed what their paid orders earned; the operator records payouts, never more than owed', async () => {
    const sellerOrg = (await t.http().get(`/api/products/${productId}`).expect(200)).body.seller
      .organizationId;
    const summary = await t
      .http()
      .get(`/api/organizations/${sellerOrg}/payouts`)
      .set(op.auth)
      .expect(200);
    expect(summary.body.owedKrw).toBeGreaterThan(0);
    // Lists honour pageSize: one order a page, the total counts them all.
    const first = await t
      .http()
      .get(`/api/organizations/${sellerOrg}/orders?page=1&pageSize=1`)
      .set(op.auth)
      .expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.total).toBeGreaterThan(1);
    const second = await t
      .http()
      .get(`/api/organizations/${sellerOrg}/orders?page=2&pageSize=1`)
      .set(op.auth)
      .expect(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    // One side at a time: the seller's sales are all its orders, and it bought nothing; its
    // buyer's purchases hold the order, and it sold nothing.
    const sideOf = async (org: string, side: string) =>
      (
        await t
          .http()
          .get(`/api/organizations/${org}/orders?side=${side}&pageSize=200`)
          .set(op.auth)
          .expect(200)
      ).body;
    expect((await sideOf(sellerOrg, 'sold')).total).toBe(first.body.total);
    expect((await sideOf(sellerOrg, 'bought')).total).toBe(0);
    const buyerOrg = first.body.items[0].buyerOrganizationId;
    expect((await sideOf(buyerOrg, 'bought')).items.map((o: { id: string }) => o.id)).toContain(
      first.body.items[0].id,
    );
    expect((await sideOf(buyerOrg, 'sold')).total).toBe(0);
    const wrongSide = await t
      .http()
      .get(`/api/organizations/${sellerOrg}/orders?side=both`)
      .set(op.auth)
      .expect(400);
    expect(wrongSide.body.message).toContain('side must be one of bought, sold');
    expect(summary.body.owedKrw % 3_000_000).toBe(0);
    // The operator's list of sellers owed has this one, with what the ledger says.
    const owedList = async () =>
      (await t.http().get('/api/payouts/owed?pageSize=100').set(op.auth).expect(200)).body.items;
    expect(await owedList()).toContainEqual(
      expect.objectContaining({
        organizationId: sellerOrg,
        owedKrw: summary.body.owedKrw,
        paidOutKrw: summary.body.paidOutKrw,
      }),
    );
    // And every order, with its parties' names, filtered by status.
    const paidOrders = await t
      .http()
      .get('/api/orders?status=PAID&pageSize=100')
      .set(op.auth)
      .expect(200);
    const ofSeller = paidOrders.body.items.filter(
      (o: { sellerOrganizationId: string }) => o.sellerOrganizationId === sellerOrg,
    );
    expect(ofSeller.length).toBeGreaterThan(0);
    expect(paidOrders.body.items.every((o: { status: string }) => o.status === 'PAID')).toBe(true);
    expect(ofSeller[0]).toMatchObject({ sellerName: expect.any(String), priceKrw: 3_000_000 });
    await t.http().get('/api/orders?status=LOST').set(op.auth).expect(400);
    const someone = await signUp(t);
    await t.http().get('/api/payouts/owed').set(someone.auth).expect(403);
    await t.http().get('/api/orders').set(someone.auth).expect(403);
    const over = await t
      .http()
      .post(`/api/organizations/${sellerOrg}/payouts`)
      .set(op.auth)
      .send({ amountKrw: summary.body.owedKrw + 1, reference: '초과' })
      .expect(409);
    expect(over.body.code).toBe('CONFLICT');
    const paid = await t
      .http()
      .post(`/api/organizations/${sellerOrg}/payouts`)
      .set(op.auth)
      .send({ amountKrw: 3_000_000, reference: '정산 1회차' })
      .expect(201);
    expect(paid.body).toMatchObject({
      owedKrw: summary.body.owedKrw - 3_000_000,
      paidOutKrw: 3_000_000,
      payouts: [{ amountKrw: 3_000_000, reference: '정산 1회차' }],
    });
    const after = (await owedList()).find(
      (r: { organizationId: string }) => r.organizationId === sellerOrg,
    );
    expect(after?.owedKrw ?? 0).toBe(summary.body.owedKrw - 3_000_000);
    // The audit trail writes amounts as integers of won, as every answer does, and numbers entries.
    const trail = await t
      .http()
      .get('/api/audit')
      .query({ organizationId: sellerOrg, action: 'seller.paid_out' })
      .set(op.auth)
      .expect(200);
    expect(trail.body.items[0]).toMatchObject({
      id: expect.any(Number),
      details: { amountKrw: 3_000_000, reference: '정산 1회차' },
    });
    expect((await ledger(t, programId)).grandTotal).toBe(0n);
  });

  it('concurrent retries with one Idempotency-Key create one order; an unlisted product cannot be bought', async () => {
    const sme = await voucherHolder('SME', 10_000_000, 12_500_000);
    const body = {
      productId,
      voucherId: sme.voucherId,
      organizationId: sme.org.id,
      expectedPriceKrw: PRICE,
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t
          .http()
          .post('/api/orders')
          .set(sme.admin.auth)
          .set('Idempotency-Key', 'retry-key-12345')
          .send(body),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM orders WHERE buyer_organization_id = $1`,
      [sme.org.id],
    );
    expect(n).toBe(1);
    expect(
      (await t.http().get(`/api/vouchers/${sme.voucherId}`).set(sme.admin.auth)).body.reservedKrw,
    ).toBe(2_400_000);
    const unknown = await t
      .http()
      .post('/api/orders')
      .set(sme.admin.auth)
      .send({ ...body, productId: '00000000-0000-4000-8000-000000000000' })
      .expect(409);
    expect(unknown.body.code).toBe('NOT_PURCHASABLE');
  });

  it('reports: the program budget from the ledger and the exchange sales, as JSON, CSV with a BOM and an Excel workbook', async () => {
    // A sale of its own, so the test stands alone.
    const lab = await voucherHolder('NONPROFIT', 3_000_000, 3_000_000);
    await orderWithVoucher(t, lab, productId, PRICE).expect(201);
    const program = await t
      .http()
      .get(`/api/reports/programs/${programId}`)
      .set(op.auth)
      .expect(200);
    const budget = await t.http().get(`/api/programs/${programId}/budget`).set(op.auth).expect(200);
    expect(program.body).toMatchObject({
      budgetKrw: 250_000_000,
      availableKrw: budget.body.availableKrw,
      committedKrw: budget.body.committedKrw,
      spentKrw: budget.body.spentKrw,
      releasedKrw: budget.body.releasedKrw,
      vouchers: { issued: expect.any(Number), used: expect.any(Number) },
    });
    expect(program.body.availableKrw + program.body.committedKrw + program.body.spentKrw).toBe(
      250_000_000,
    );
    expect(program.body.selected).toBeGreaterThan(0);

    const exchange = await t.http().get('/api/reports/exchange').set(op.auth).expect(200);
    const [{ sales, value }] = await t.dataSource.query(
      `SELECT count(*)::int AS sales, sum(price_krw)::bigint AS value FROM orders WHERE status = 'PAID'`,
    );
    expect(exchange.body.totals).toMatchObject({ sales, valueKrw: Number(value) });
    expect(exchange.body.totals.voucherKrw + exchange.body.totals.ownKrw).toBe(Number(value));

    const csv = await t
      .http()
      .get('/api/reports/exchange')
      .query({ format: 'csv' })
      .set(op.auth)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect([...(csv.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((csv.body as Buffer).toString('utf8')).toContain('판매액(원)');
    const xlsx = await t
      .http()
      .get(`/api/reports/programs/${programId}`)
      .query({ format: 'xlsx' })
      .set(op.auth)
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const someone = await signUp(t);
    await t.http().get('/api/reports/exchange').set(someone.auth).expect(403);
    await t.http().get('/api/reports/exchange').query({ format: 'pdf' }).set(op.auth).expect(400);
  });

  it("the desk report: each call's money as its program report, and what needs attention: a voucher ending within 30 days with money left, an order awaiting payment, sellers owed", async () => {
    const desk = async () =>
      (await t.http().get('/api/reports/desk').set(op.auth).expect(200)).body;
    const before = await desk();
    // A voucher that ends in 20 days, and an order by its holder that waits for the card.
    const buyer = await verifiedOrganization(t, op, { category: 'SME', industryCode: '29294' });
    const applicationId = await selectedApplication(
      t,
      op,
      buyer.admin,
      programId,
      buyer.org.id,
      'PURCHASE_SUPPORT',
    );
    const agreement = await t
      .http()
      .post(`/api/applications/${applicationId}/agreement`)
      .set(op.auth)
      .send({
        totalCostKrw: 5_000_000,
        governmentKrw: 4_000_000,
        ownKrw: 1_000_000,
        ownCashKrw: 1_000_000,
        startsOn: day(0),
        endsOn: day(20),
      })
      .expect(201);
    const order = await t
      .http()
      .post('/api/orders')
      .set(buyer.admin.auth)
      .send({
        productId,
        voucherId: agreement.body.voucherId,
        organizationId: buyer.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(201);
    expect(order.body.status).toBe('AWAITING_PAYMENT');
    const after = await desk();

    expect(after.ordersAwaitingPayment).toEqual({
      count: before.ordersAwaitingPayment.count + 1,
      buyerKrw: before.ordersAwaitingPayment.buyerKrw + order.body.buyerKrw,
    });
    expect(after.expiringVouchers.items).toContainEqual({
      voucherId: agreement.body.voucherId,
      organizationName: buyer.org.name,
      validUntil: day(20),
      availableKrw: 4_000_000 - order.body.voucherKrw,
    });
    expect(after.expiringVouchers.count).toBe(before.expiringVouchers.count + 1);
    expect(after.expiringVouchers.availableKrw).toBe(
      before.expiringVouchers.availableKrw + 4_000_000 - order.body.voucherKrw,
    );
    // The call's money is the ledger's, as in its own report.
    const program = (
      await t.http().get(`/api/reports/programs/${programId}`).set(op.auth).expect(200)
    ).body;
    const call = after.programs.find((p: { programId: string }) => p.programId === programId);
    for (const k of [
      'budgetKrw',
      'availableKrw',
      'committedKrw',
      'spentKrw',
      'releasedKrw',
      'applicationsByStatus',
      'selected',
      'targetCount',
    ])
      expect(call[k]).toEqual(program[k]);
    // What sellers are owed: the sum of every seller's own payouts page.
    const sellers: { id: string }[] = await t.dataSource.query(
      `SELECT DISTINCT seller_organization_id AS id FROM orders`,
    );
    let owed = 0;
    let owing = 0;
    for (const { id } of sellers) {
      const { owedKrw } = (
        await t.http().get(`/api/organizations/${id}/payouts`).set(op.auth).expect(200)
      ).body;
      owed += owedKrw;
      if (owedKrw > 0) owing++;
    }
    expect(owing).toBeGreaterThan(0);
    expect(after.payoutsOwed).toEqual({ sellers: owing, owedKrw: owed });

    const someone = await signUp(t);
    await t.http().get('/api/reports/desk').set(someone.auth).expect(403);
  });
});
