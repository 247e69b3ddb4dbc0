import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Stripe from 'stripe';
import { datasetsDir } from './datasets.js';
import {
  createOrganization,
  operator,
  selectedApplication,
  signUp,
  type TestUser,
  verifiedOrganization,
} from './factories.js';
import type { TestApp, TestClient } from './test-app.js';
import { verifiedVersion } from './uploads.js';

export const KAMP_FILE = path.join(datasetsDir(), 'kamp-melting-tank', 'melting_tank.csv');

/** A day `offset` days from today, as YYYY-MM-DD. */
export const day = (offset = 0) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A listed product made from the KAMP melting-tank file: a seller (signed up, with an
 * organization the operator verifies, as publishing needs) verifies a version, lists it at the
 * price and licence given.
 */
export async function listedKampProduct(
  t: TestClient,
  fields: {
    priceKrw: number;
    license: string;
    seller?: TestUser;
    organizationId?: string;
    representativeName?: string;
    /** A file of its own instead of the KAMP file (a small one verifies faster). */
    file?: { name: string; bytes: Buffer };
    approvalRequired?: boolean;
    approvalQuestion?: string;
  },
) {
  const seller = fields.seller ?? (await signUp(t, '판매자'));
  const organizationId =
    fields.organizationId ??
    (
      await createOrganization(t, seller, {
        name: '용해데이터',
        industryCode: '24311',
        representativeName: fields.representativeName ?? `판매대표${Math.random()}`,
      })
    ).id;
  const op = await operator(t);
  await t
    .http()
    .post(`/api/organizations/${organizationId}/verification`)
    .set(op.auth)
    .send({ businessStatus: 'ACTIVE', taxArrears: false, category: 'SME' })
    .expect(201);
  const file = fields.file ?? { name: 'melting_tank.csv', bytes: await readFile(KAMP_FILE) };
  const bytes = file.bytes;
  const v = await verifiedVersion(t, seller, organizationId, [file]);
  if (v.report.status !== 'PASSED') throw new Error(`KAMP quality: ${v.report.status}`);
  const product = await t
    .http()
    .post('/api/products')
    .set(seller.auth)
    .send({
      datasetId: v.datasetId,
      version: v.version,
      title: '용해탱크 데이터',
      priceKrw: fields.priceKrw,
      license: fields.license,
      approvalRequired: fields.approvalRequired,
      approvalQuestion: fields.approvalQuestion,
    })
    .expect(201);
  await t.http().post(`/api/products/${product.body.id}/publish`).set(seller.auth).expect(201);
  return {
    productId: product.body.id as string,
    seller,
    organizationId,
    datasetId: v.datasetId,
    version: v.version,
    fileId: v.report.files[0].fileId as string,
    bytes,
  };
}

/** A small sensor log (200 rows a minute apart) that passes verification in a moment. */
export function sensorCsv(name = 'sensor.csv', rows = 200) {
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `${new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString()},${(650 + (i % 7)).toFixed(1)},${(1.2 + (i % 5) / 10).toFixed(2)}`,
  );
  return { name, bytes: Buffer.from(`timestamp,temperature,pressure\n${lines.join('\n')}\n`) };
}

/** `count` more listed products of the same seller, at the same price and licence. */
export async function moreListings(
  t: TestClient,
  listed: { seller: TestUser; organizationId: string },
  count: number,
  fields: { priceKrw: number; license: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await listedKampProduct(t, { ...fields, ...listed })).productId);
  return ids;
}

/**
 * A buyer with a signed purchase-support agreement, and so a voucher of `governmentKrw`: an SME
 * (80%) or a nonprofit (100%), verified, selected and agreed from today for 90 days.
 */
export async function voucherHolder(
  t: TestClient,
  op: TestUser,
  programId: string,
  terms: { category: 'SME' | 'NONPROFIT'; governmentKrw: number; totalCostKrw: number },
) {
  const buyer = await verifiedOrganization(t, op, {
    category: terms.category,
    industryCode: terms.category === 'NONPROFIT' ? '72111' : '29294',
    representativeName: `구매대표${Math.random()}`,
  });
  const applicationId = await selectedApplication(
    t,
    op,
    buyer.admin,
    programId,
    buyer.org.id,
    'PURCHASE_SUPPORT',
  );
  const voucherId = await purchaseAgreement(t, op, applicationId, terms);
  return { ...buyer, voucherId, applicationId };
}

/** The purchase-support agreement of a selected application, from today for 90 days: its voucher. */
export async function purchaseAgreement(
  t: TestClient,
  op: TestUser,
  applicationId: string,
  terms: { governmentKrw: number; totalCostKrw: number },
) {
  const own = terms.totalCostKrw - terms.governmentKrw;
  const agreement = await t
    .http()
    .post(`/api/applications/${applicationId}/agreement`)
    .set(op.auth)
    .send({
      totalCostKrw: terms.totalCostKrw,
      governmentKrw: terms.governmentKrw,
      ownKrw: own,
      ownCashKrw: own,
      startsOn: day(0),
      endsOn: day(90),
    })
    .expect(201);
  if (!agreement.body.voucherId) throw new Error('the agreement issued no voucher');
  return agreement.body.voucherId as string;
}

/** A card payment confirmed at the app's Stripe emulator, as a browser would (Stripe.js). */
export function confirmAtEmulator(
  t: TestApp,
  paymentIntentId: string,
  paymentMethod = 'pm_card_visa',
) {
  return fetch(
    `http://127.0.0.1:${t.config.stripe.emulatorPort}/v1/payment_intents/${paymentIntentId}/confirm`,
    {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${t.config.stripe.secretKey}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: `payment_method=${paymentMethod}`,
    },
  );
}

/**
 * The processing-support agreement of the announcement's example (62,500,000 in all: 50,000,000
 * government, 12,500,000 own of which 1,250,000 cash) for a selected application, running from
 * `startsInDays` for about 110 days. Answers the project it creates.
 */
export async function processingAgreement(
  t: TestClient,
  op: TestUser,
  applicationId: string,
  startsInDays = -10,
) {
  const agreement = await t
    .http()
    .post(`/api/applications/${applicationId}/agreement`)
    .set(op.auth)
    .send({
      totalCostKrw: 62_500_000,
      governmentKrw: 50_000_000,
      ownKrw: 12_500_000,
      ownCashKrw: 1_250_000,
      startsOn: day(startsInDays),
      endsOn: day(100),
    })
    .expect(201);
  if (!agreement.body.processingProjectId) throw new Error('the agreement made no project');
  return agreement.body.processingProjectId as string;
}

/**
 * Sends a Stripe event to the service's webhook, signed with its secret as Stripe signs it
 * (`timestamp` in seconds: now unless given). `object` is the event's data object.
 */
export function sendSignedEvent(
  t: TestClient,
  webhookSecret: string,
  event: { id?: string; type: string; object: Record<string, unknown>; timestamp?: number },
) {
  const payload = JSON.stringify({
    id: event.id ?? `evt_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    type: event.type,
    data: { object: event.object },
  });
  return t
    .http()
    .post('/api/payments/stripe/webhook')
    .set('Content-Type', 'application/json')
    .set(
      'Stripe-Signature',
      Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: webhookSecret,
        ...(event.timestamp !== undefined && { timestamp: event.timestamp }),
      }),
    )
    .send(payload);
}

/** A voucher holder orders a product at the price its quote showed (POST /orders). */
export function orderWithVoucher(
  t: TestClient,
  buyer: { admin: TestUser; org: { id: string }; voucherId: string },
  productId: string,
  expectedPriceKrw: number,
) {
  return t.http().post('/api/orders').set(buyer.admin.auth).send({
    productId,
    voucherId: buyer.voucherId,
    organizationId: buyer.org.id,
    expectedPriceKrw,
  });
}
