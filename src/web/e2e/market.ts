import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Caller, ok } from '../../../scripts/bench/harness.js';
import { businessNumberCheckDigit } from '../../modules/organizations/rules.js';
import { CALLS_2024 } from '../../modules/programs/calls-2024.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const samples = path.join(root, 'samples', 'datasets');
export const kampFile = path.join(samples, 'kamp-melting-tank/melting_tank.csv');
export const PASSWORD = 'browser test password';
export const OPERATOR = { email: 'operator@exchange.local', password: 'operator-local-password' };

/** What the setup made and the journeys use: who signs in, and what they find. */
export interface Market {
  baseURL: string;
  productId: string;
  productTitle: string;
  priceKrw: number;
  kampFile: string;
  sme: { email: string; organizationId: string; voucherId: string };
  nonprofit: { email: string; organizationId: string; voucherId: string };
  sellerEmail: string;
  purchaseProgramId: string;
}

const file = () => path.join(process.env.E2E_DATA_DIR!, 'market.json');
export const saveMarket = (m: Market) => writeFileSync(file(), JSON.stringify(m, null, 2));
export const loadMarket = (): Market => JSON.parse(readFileSync(file(), 'utf8')) as Market;

export function registrationNumber(): string {
  const nine = Array.from({ length: 9 }, () => randomInt(10)).join('');
  return nine + businessNumberCheckDigit(nine);
}

const sha256 = async (bytes: Buffer) => {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
};

/** A user with a verified organization of the given category. */
export async function member(
  baseURL: string,
  op: Caller,
  who: string,
  org: { name: string; category: 'SME' | 'NONPROFIT'; industryCode: string },
) {
  const c = new Caller(baseURL);
  const email = `${who}-${Date.now()}-${randomInt(1e6)}@e2e.local`;
  await c.signIn(email, PASSWORD, who);
  const created = await ok(
    c.api.POST('/api/organizations', {
      body: {
        ...org,
        registrationNumber: registrationNumber(),
        representativeName: `${who}대표${randomInt(1e6)}`,
      },
    }),
  );
  await ok(
    op.api.POST('/api/organizations/{id}/verification', {
      params: { path: { id: created.id } },
      body: { businessStatus: 'ACTIVE', taxArrears: false, category: org.category },
    }),
  );
  return { c, email, organizationId: created.id, organizationName: org.name };
}

/** Uploads a file through the presigned multipart flow, as the API's clients do. */
export async function upload(
  c: Caller,
  datasetId: string,
  version: number,
  name: string,
  bytes: Buffer,
) {
  const up = await ok(
    c.api.POST('/api/datasets/{id}/versions/{version}/files', {
      params: { path: { id: datasetId, version } },
      body: { name, sizeBytes: bytes.length, sha256: await sha256(bytes), contentType: 'text/csv' },
    }),
  );
  const parts = [];
  for (const [i, p] of up.parts.entries()) {
    const res = await fetch(p.url, {
      method: 'PUT',
      body: new Uint8Array(bytes.subarray(i * up.partSizeBytes, (i + 1) * up.partSizeBytes)),
    });
    parts.push({ partNumber: i + 1, etag: res.headers.get('etag')! });
  }
  await ok(
    c.api.POST('/api/uploads/{uploadId}/complete', {
      params: { path: { uploadId: up.uploadId } },
      body: { parts },
    }),
  );
}

/** A purchase-support voucher for a buyer: applied, evaluated, selected and agreed. */
export async function voucherFor(
  op: Caller,
  buyer: { c: Caller; organizationId: string },
  programId: string,
  gov: number,
  total: number,
) {
  const appPath = {
    params: {
      path: {
        id: await selectedApplication(
          op,
          buyer,
          programId,
          {
            summary: '품질 예측 모델용 데이터 구매',
            productsWanted: ['용해탱크'],
            intendedUse: '불량 예측 연구',
            requestedGovernmentKrw: gov,
          },
          { score: 80 },
          '브라우저 테스트 선정',
        ),
      },
    },
  };
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const agreement = await ok(
    op.api.POST('/api/applications/{id}/agreement', {
      ...appPath,
      body: {
        totalCostKrw: total,
        governmentKrw: gov,
        ownKrw: total - gov,
        ownCashKrw: total - gov,
        startsOn: day(0),
        endsOn: day(100),
      },
    }),
  );
  return agreement.voucherId!;
}

/** One of the 2024 calls, its window moved to have opened yesterday. */
export async function openCall(op: Caller, kind: (typeof CALLS_2024)[number]['kind']) {
  const call = CALLS_2024.find((c) => c.kind === kind)!;
  const shift = Date.now() - 86_400_000 - Date.parse(call.applicationOpensAt);
  const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const day = (d?: string) => d && at(`${d}T00:00:00+09:00`).slice(0, 10);
  return ok(
    op.api.POST('/api/programs', {
      body: {
        ...call,
        slug: undefined,
        announcedAt: call.announcedAt && at(call.announcedAt),
        applicationOpensAt: at(call.applicationOpensAt),
        applicationClosesAt: call.applicationClosesAt && at(call.applicationClosesAt),
        evaluationStartsOn: day(call.evaluationStartsOn),
        evaluationEndsOn: day(call.evaluationEndsOn),
        selectionOn: day(call.selectionOn),
      },
    }),
  );
}

/** The 2024 purchase-support call, its window moved to have opened yesterday. */
export const purchaseCall = (op: Caller) => openCall(op, 'PURCHASE_SUPPORT');

/**
 * A product listed by the seller at `priceKrw`: a dataset with the KAMP melting-tank file, sealed,
 * verified (PASSED), then published. Answers its id.
 */
export async function listedProduct(
  c: Caller,
  organizationId: string,
  title: string,
  priceKrw: number,
): Promise<string> {
  const datasetId = await verifiedDataset(c, organizationId, '용해탱크 공정 데이터');
  const product = await ok(
    c.api.POST('/api/products', {
      body: {
        datasetId,
        version: 1,
        title,
        description: 'KAMP 용해탱크 공정의 온도·교반속도·중량과 검사 결과 1만 행.',
        priceKrw,
        license: 'COMMERCIAL',
      },
    }),
  );
  await ok(c.api.POST('/api/products/{id}/publish', { params: { path: { id: product.id } } }));
  return product.id;
}

/** A dataset with the KAMP melting-tank file in version 1, sealed and verified (PASSED). */
export async function verifiedDataset(c: Caller, organizationId: string, title: string) {
  const ds = await ok(
    c.api.POST('/api/datasets', {
      body: {
        organizationId,
        title,
        dataType: 'SENSOR_TIME_SERIES',
        industryCode: '24311',
        tags: ['용해', 'KAMP'],
      },
    }),
  );
  await ok(
    c.api.POST('/api/datasets/{id}/versions', { params: { path: { id: ds.id } }, body: {} }),
  );
  const bytes = readFileSync(kampFile);
  await upload(c, ds.id, 1, 'melting_tank.csv', bytes);
  const version = { params: { path: { id: ds.id, version: 1 } } };
  await ok(c.api.POST('/api/datasets/{id}/versions/{version}/seal', version));
  for (let i = 0; ; i++) {
    const r = await ok(c.api.GET('/api/datasets/{id}/versions/{version}/quality-report', version));
    if (r.status === 'PASSED') break;
    if (r.status === 'FAILED' || i > 300) throw new Error(`quality ${r.status}`);
    await new Promise((res) => setTimeout(res, 200));
  }
  return ds.id;
}

/** An organization selected into the processor pool of `poolId` (applied, passed, selected). */
export async function poolProcessor(
  op: Caller,
  processor: { c: Caller; organizationId: string },
  poolId: string,
) {
  await selectedApplication(
    op,
    processor,
    poolId,
    {
      summary: '제조 데이터 전처리·라벨링',
      staffCount: 12,
      technologies: ['PREPROCESSING', 'LABELLING'],
      industries: ['24'],
      references: [],
    },
    { passed: true },
    '요건 충족',
  );
}

/** A processing-support agreement for an owner (applied, scored, selected, signed); its project. */
export async function processingProject(
  op: Caller,
  owner: { c: Caller; organizationId: string },
  callId: string,
) {
  const appPath = {
    params: {
      path: {
        id: await selectedApplication(
          op,
          owner,
          callId,
          {
            summary: '용해탱크 데이터 상품화',
            dataDescription: '온도·교반속도·중량·검사',
            dataVolume: '1만 행',
            goals: '불량 예측 데이터셋',
            technologiesWanted: ['PREPROCESSING', 'LABELLING'],
            requestedGovernmentKrw: 50_000_000,
          },
          { score: 85 },
          '브라우저 테스트 선정',
        ),
      },
    },
  };
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const agreement = await ok(
    op.api.POST('/api/applications/{id}/agreement', {
      ...appPath,
      body: {
        totalCostKrw: 62_500_000,
        governmentKrw: 50_000_000,
        ownKrw: 12_500_000,
        ownCashKrw: 1_250_000,
        startsOn: day(0),
        endsOn: day(100),
      },
    }),
  );
  return agreement.processingProjectId!;
}

/** An application made, submitted, evaluated with `sheet` and selected, through the API; its id. */
async function selectedApplication(
  op: Caller,
  applicant: { c: Caller; organizationId: string },
  programId: string,
  plan: Record<string, unknown>,
  sheet: Record<string, unknown>,
  reason: string,
) {
  const app = await ok(
    applicant.c.api.POST('/api/programs/{id}/applications', {
      params: { path: { id: programId } },
      body: { organizationId: applicant.organizationId, plan: plan as never },
    }),
  );
  const appPath = { params: { path: { id: app.id } } };
  await ok(applicant.c.api.POST('/api/applications/{id}/submit', appPath));
  await ok(op.api.POST('/api/applications/{id}/evaluations', { ...appPath, body: sheet }));
  await ok(
    op.api.POST('/api/applications/{id}/decision', {
      ...appPath,
      body: { decision: 'selected', reason },
    }),
  );
  return app.id;
}

/** Where the local mail catcher shows the mails the service sent (npm start's banner names it). */
export const mailCatcherUrl = () => `http://127.0.0.1:${process.env.E2E_MAIL_PORT}`;

/** The operator, signed in through the API. */
export async function operatorCaller(baseURL: string) {
  const op = new Caller(baseURL);
  await op.signIn(OPERATOR.email, OPERATOR.password);
  return op;
}
