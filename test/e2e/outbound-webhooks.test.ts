import { DataSource } from 'typeorm';
import { verifySignature } from '../../src/modules/webhooks/index.js';
import { WebhookRetention } from '../../src/modules/webhooks/webhook-retention.service.js';
import { openProgram, operator, type TestUser } from '../support/factories.js';
import { eventually } from '../support/eventually.js';
import { mailTo } from '../support/mailbox.js';
import { listedKampProduct, orderWithVoucher, voucherHolder } from '../support/market.js';
import { webhookReceiver as receiver } from '../support/receiver.js';
import { startTestApp, type TestApp, WITH_MAIL } from '../support/test-app.js';

const PRICE = 1_000_000;

describe('outbound webhooks', () => {
  let t: TestApp;
  let op: TestUser;
  let seller: TestUser;
  let sellerOrgId: string;
  let productId: string;
  let programId: string;
  const receivers: { close(): Promise<void> }[] = [];

  const register = (admin: TestUser, orgId: string, url: string, events: string[]) =>
    t
      .http()
      .post(`/api/organizations/${orgId}/webhook-endpoints`)
      .set(admin.auth)
      .send({ url, events, description: '테스트 수신기' });
  const log = async (admin: TestUser, orgId: string, endpointId: string) =>
    (
      await t
        .http()
        .get(`/api/organizations/${orgId}/webhook-endpoints/${endpointId}/deliveries`)
        .set(admin.auth)
        .expect(200)
    ).body;

  beforeAll(async () => {
    // Retries after 1, 2, 4 … seconds for 6 seconds: the three-day window, shrunk.
    t = await startTestApp({
      ...WITH_MAIL(),
      WEBHOOK_RETRY_BASE_SECONDS: '1',
      WEBHOOK_RETRY_WINDOW_SECONDS: '6',
    });
    op = await operator(t);
    const listed = await listedKampProduct(t, { priceKrw: PRICE, license: 'COMMERCIAL' });
    seller = listed.seller;
    sellerOrgId = listed.organizationId;
    productId = listed.productId;
    programId = (await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 50_000_000 })).id;
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t.close();
  });

  it('registers endpoints for admins: the secret once, HTTPS or a local receiver, known events only', async () => {
    const created = await register(seller, sellerOrgId, 'https://erp.example.kr/hooks', [
      'order.paid',
    ]).expect(201);
    expect(created.body.secret).toMatch(/^whsec_[\w-]{30,}$/);
    const list = await t
      .http()
      .get(`/api/organizations/${sellerOrgId}/webhook-endpoints`)
      .set(seller.auth)
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, status: 'ACTIVE', events: ['order.paid'] }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const refused = await register(seller, sellerOrgId, 'http://erp.example.kr/hooks', [
      'order.paid',
    ]).expect(422);
    expect(refused.body).toMatchObject({ code: 'WEBHOOK_URL_REFUSED' });
    expect(refused.body.messageKo).toContain('https');
    await register(seller, sellerOrgId, 'https://user:pw@erp.example.kr/', ['order.paid']).expect(
      422,
    );
    const unknown = await register(seller, sellerOrgId, 'https://erp.example.kr/hooks', [
      'order.teleported',
    ]).expect(400);
    expect(unknown.body.message).toContain('order.teleported');
    await t
      .http()
      .delete(`/api/organizations/${sellerOrgId}/webhook-endpoints/${created.body.id}`)
      .set(seller.auth)
      .expect(204);
    const types = await t.http().get('/api/webhook-event-types').expect(200);
    expect(types.body.items.map((i: { type: string }) => i.type)).toEqual(
      expect.arrayContaining([
        'order.paid',
        'product.sold',
        'product.revised',
        'quality_report.completed',
        'application.decided',
        'milestone.accepted',
      ]),
    );
  });

  it('a receiver that fails twice gets each event once, signed, in order per order; buyers see only their own; a replay shows its id; a rotated secret overlaps', async () => {
    const sellerHook = await receiver(2);
    const buyerHook = await receiver();
    receivers.push(sellerHook, buyerHook);
    const sellerEndpoint = (
      await register(seller, sellerOrgId, sellerHook.url, [
        'product.sold',
        'order.refunded',
      ]).expect(201)
    ).body;
    const a = await voucherHolder(t, op, programId, {
      category: 'NONPROFIT',
      governmentKrw: PRICE,
      totalCostKrw: PRICE,
    });
    const b = await voucherHolder(t, op, programId, {
      category: 'NONPROFIT',
      governmentKrw: PRICE,
      totalCostKrw: PRICE,
    });
    const aEndpoint = (
      await register(a.admin, a.org.id, buyerHook.url, ['order.paid', 'order.refunded']).expect(201)
    ).body;

    // B buys, then A buys and is refunded at once.
    const bOrder = (await orderWithVoucher(t, b, productId, PRICE).expect(201)).body;
    const aOrder = (await orderWithVoucher(t, a, productId, PRICE).expect(201)).body;
    await t
      .http()
      .post(`/api/orders/${aOrder.id}/refund`)
      .set(op.auth)
      .send({ reason: '중복 구매' })
      .expect(201);

    await eventually(
      'three sales events taken by the seller',
      () => (sellerHook.taken().length >= 3 ? true : undefined),
      20_000,
    );
    await eventually('two events taken by buyer A', () =>
      buyerHook.taken().length >= 2 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives
    const sellerTook = sellerHook.taken();
    expect(sellerHook.received.filter((r) => r.answered === 500)).toHaveLength(2);
    // Each event once, whatever the failures before.
    expect(new Set(sellerTook.map((e) => e.id)).size).toBe(sellerTook.length);
    expect(sellerTook.map((e) => [e.type, e.data.orderId]).sort()).toEqual(
      [
        ['product.sold', bOrder.id],
        ['product.sold', aOrder.id],
        ['order.refunded', aOrder.id],
      ].sort(),
    );
    // In order per order: A's payment (the seller's sale) before A's refund.
    const aEvents = sellerTook.filter((e) => e.data.orderId === aOrder.id).map((e) => e.type);
    expect(aEvents).toEqual(['product.sold', 'order.refunded']);
    // The seller sees its sale, not the buyer's money split; buyer A sees its own orders only.
    expect(sellerTook[0].data).not.toHaveProperty('voucherKrw');
    expect(buyerHook.taken().map((e) => [e.type, e.data.orderId])).toEqual([
      ['order.paid', aOrder.id],
      ['order.refunded', aOrder.id],
    ]);
    expect(buyerHook.taken()[0].data).toMatchObject({ voucherKrw: PRICE, buyerKrw: 0 });
    expect(buyerHook.taken()[1].data).toMatchObject({ reason: '중복 구매' });
    // No download links or secrets travel.
    expect(sellerHook.received.map((r) => r.body).join()).not.toMatch(/https?:|whsec_|X-Amz/);

    // Every delivery is signed over its timestamp and exact body.
    for (const r of sellerHook.received) {
      expect(
        verifySignature(sellerEndpoint.secret, String(r.headers['exchange-signature']), r.body),
      ).toBe(true);
      expect(r.headers['exchange-event-id']).toBe(JSON.parse(r.body).id);
    }
    expect(
      verifySignature(
        'whsec_someone_else',
        String(sellerHook.received[0].headers['exchange-signature']),
        sellerHook.received[0].body,
      ),
    ).toBe(false);

    // The log: every attempt with its answer and timing; the failed ones were tried again.
    const entries = (await log(seller, sellerOrgId, sellerEndpoint.id)).items as {
      id: string;
      eventId: string;
      status: string;
      attempts: number;
      log: { statusCode: number; durationMs: number }[];
    }[];
    expect(entries.every((d) => d.status === 'SUCCEEDED')).toBe(true);
    const codes = entries.flatMap((d) => d.log.map((l) => l.statusCode));
    expect(codes.filter((c) => c === 500)).toHaveLength(2);
    expect(codes).toHaveLength(sellerHook.received.length);
    for (const d of entries) {
      expect(d.log.at(-1)!.statusCode).toBe(200);
      expect(d.log).toHaveLength(d.attempts);
      expect(d.log.every((l) => l.durationMs >= 0)).toBe(true);
    }
    const retried = entries.find((d) => d.attempts > 1)!;

    // Rotation: the new secret shown once; both secrets sign for the next day.
    const rotated = await t
      .http()
      .post(
        `/api/organizations/${sellerOrgId}/webhook-endpoints/${sellerEndpoint.id}/rotate-secret`,
      )
      .set(seller.auth)
      .expect(201);
    expect(rotated.body.secret).not.toBe(sellerEndpoint.secret);
    expect(Date.parse(rotated.body.previousSecretUntil) - Date.now()).toBeGreaterThan(
      23 * 3600_000,
    );

    // Redeliver: the same event id again; a receiver that keeps ids sees a replay.
    const before = sellerHook.received.length;
    await t
      .http()
      .post(
        `/api/organizations/${sellerOrgId}/webhook-endpoints/${sellerEndpoint.id}/deliveries/${retried.id}/redeliver`,
      )
      .set(seller.auth)
      .expect(201);
    await eventually('the redelivery', () => sellerHook.received.length > before);
    const replay = sellerHook.received.at(-1)!;
    expect(JSON.parse(replay.body).id).toBe(retried.eventId);
    expect(sellerTook.map((e) => e.id)).toContain(retried.eventId);
    const signature = String(replay.headers['exchange-signature']);
    expect(signature.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(rotated.body.secret, signature, replay.body)).toBe(true);
    expect(verifySignature(sellerEndpoint.secret, signature, replay.body)).toBe(true);

    // Another organization cannot read or use this endpoint.
    await t
      .http()
      .get(`/api/organizations/${a.org.id}/webhook-endpoints/${sellerEndpoint.id}/deliveries`)
      .set(a.admin.auth)
      .expect(404);
    void aEndpoint;
  });

  it('a receiver down for the whole retry window ends disabled, and its admin has a mail', async () => {
    const dead = await receiver();
    await dead.close(); // nothing listens there any more
    const buyer = await voucherHolder(t, op, programId, {
      category: 'NONPROFIT',
      governmentKrw: PRICE,
      totalCostKrw: PRICE,
    });
    const endpoint = (
      await register(buyer.admin, buyer.org.id, dead.url, ['order.paid']).expect(201)
    ).body;
    await orderWithVoucher(t, buyer, productId, PRICE).expect(201);
    await eventually(
      'the endpoint disabled',
      async () => {
        const list = await t
          .http()
          .get(`/api/organizations/${buyer.org.id}/webhook-endpoints`)
          .set(buyer.admin.auth)
          .expect(200);
        return list.body.items[0].status === 'DISABLED' ? list.body.items[0] : undefined;
      },
      30_000,
    );
    const [delivery] = (await log(buyer.admin, buyer.org.id, endpoint.id)).items;
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(delivery.lastError).toContain('ECONNREFUSED');
    const mail = await mailTo(buyer.admin.email, '웹훅 엔드포인트를 중지했습니다');
    expect(mail.text).toContain(dead.url);
    expect(mail.text).toContain('Webhook endpoint disabled');
    // Switched back on by its admin.
    const enabled = await t
      .http()
      .patch(`/api/organizations/${buyer.org.id}/webhook-endpoints/${endpoint.id}`)
      .set(buyer.admin.auth)
      .send({ enabled: true })
      .expect(200);
    expect(enabled.body).toMatchObject({ status: 'ACTIVE', disabledReason: null });
  });

  it('removes finished deliveries past the retention with their attempts, and keeps the recent and the unfinished', async () => {
    const db = t.app.get(DataSource);
    const rows: { id: string; status: string }[] = await db.query(
      `SELECT id, status FROM webhook_deliveries ORDER BY created_at, id`,
    );
    const finished = rows.filter((r) => r.status !== 'PENDING').map((r) => r.id);
    expect(finished.length).toBeGreaterThanOrEqual(3); // from the tests above
    // Two finished deliveries made 91 days ago (the retention is 90), one of them retried again.
    const [old, oldRetried] = finished;
    await db.query(
      `UPDATE webhook_deliveries SET created_at = now() - interval '91 days' WHERE id = ANY($1)`,
      [[old, oldRetried]],
    );
    await db.query(`UPDATE webhook_deliveries SET status = 'PENDING' WHERE id = $1`, [oldRetried]);
    const attemptsOf = async (id: string) =>
      (
        await db.query(`SELECT count(*)::int AS n FROM webhook_attempts WHERE delivery_id = $1`, [
          id,
        ])
      )[0].n as number;
    expect(await attemptsOf(old)).toBeGreaterThan(0);

    expect(await t.app.get(WebhookRetention).prune()).toBe(1);
    const left: string[] = (await db.query(`SELECT id FROM webhook_deliveries`)).map(
      (r: { id: string }) => r.id,
    );
    expect(left).not.toContain(old);
    expect(await attemptsOf(old)).toBe(0);
    expect(left).toEqual(expect.arrayContaining(rows.map((r) => r.id).filter((id) => id !== old)));
    expect(await t.app.get(WebhookRetention).prune()).toBe(0); // nothing more is old enough
  });
});
