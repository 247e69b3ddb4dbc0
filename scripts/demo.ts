/**
 * npm run demo
 * Plays the whole story over HTTP against a fresh service (a temporary DATA_DIR), or against a
 * running one: DEMO_URL=http://localhost:3000 npm run demo (then DEMO_STRIPE=http://127.0.0.1:12111).
 * The operator opens the 2024 calls of the announcement as `npm run seed` loads them, each with
 * its calendar moved so that its application window opened yesterday (the 2024 windows are long
 * closed, and the story applies to them now).
 */
import { createHash, randomInt } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { businessNumberCheckDigit } from '../src/modules/organizations/business-number.js';
import { CALLS_2024 } from '../src/modules/programs/calls-2024.js';
import type { CreateProgramDto } from '../src/modules/programs/dto/program.dto.js';
import type { components } from '../src/web/api/openapi.gen.js';
import { Caller, ok, root, startService } from './bench/harness.js';

const started = performance.now();
const step = (text: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
const datasets = path.resolve(root, 'samples', 'datasets');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const today = new Date().toISOString().slice(0, 10);
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

const svc = process.env.DEMO_URL ? undefined : await startService();
const api = process.env.DEMO_URL ?? svc!.url;
const stripe = process.env.DEMO_STRIPE ?? `http://127.0.0.1:${svc ? await emulatorPort() : 12111}`;

async function emulatorPort(): Promise<number> {
  // The service prints where its emulator is; the harness keeps the child's output.
  for (let i = 0; i < 50; i++) {
    const m = /Payments\s+local Stripe emulator at http:\/\/127\.0\.0\.1:(\d+)/.exec(svc!.output());
    if (m) return Number(m[1]);
    await new Promise((r) => setTimeout(r, 100));
  }
  return 12111;
}

type Schemas = components['schemas'];

async function person(name: string, org: Schemas['CreateOrganizationDto']) {
  const c = new Caller(api);
  await c.signIn(`${name}-${Date.now()}@demo.local`, 'demo password 1234', name);
  const created = await ok(c.api.POST('/api/organizations', { body: org }));
  return { c, orgId: created.id };
}

async function upload(c: Caller, datasetId: string, version: number, name: string, bytes: Buffer) {
  const up = await ok(
    c.api.POST('/api/datasets/{id}/versions/{version}/files', {
      params: { path: { id: datasetId, version } },
      body: { name, sizeBytes: bytes.length, sha256: sha(bytes), contentType: 'text/csv' },
    }),
  );
  const parts = [];
  for (const [i, p] of up.parts.entries()) {
    const res = await fetch(p.url, {
      method: 'PUT',
      body: bytes.subarray(i * up.partSizeBytes, (i + 1) * up.partSizeBytes),
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

async function report(c: Caller, datasetId: string, version: number) {
  for (;;) {
    const r = await ok(
      c.api.GET('/api/datasets/{id}/versions/{version}/quality-report', {
        params: { path: { id: datasetId, version } },
      }),
    );
    if (r.status === 'PASSED' || r.status === 'FAILED') return r;
    await new Promise((res) => setTimeout(res, 150));
  }
}

/** A 2024 call with every date moved by the same amount, so its application window opened a day ago. */
function replay(call: CreateProgramDto): CreateProgramDto {
  const shift = Date.now() - 86_400_000 - Date.parse(call.applicationOpensAt);
  const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const day = (d?: string) => d && at(`${d}T00:00:00+09:00`).slice(0, 10);
  return {
    ...call,
    slug: undefined, // the seeded calls keep their slugs; a replay is a new call
    announcedAt: call.announcedAt && at(call.announcedAt),
    applicationOpensAt: at(call.applicationOpensAt),
    applicationClosesAt: call.applicationClosesAt && at(call.applicationClosesAt),
    evaluationStartsOn: day(call.evaluationStartsOn),
    evaluationEndsOn: day(call.evaluationEndsOn),
    selectionOn: day(call.selectionOn),
  };
}

/**
 * A business registration number with a correct check digit, new each run, so that the story can
 * be played again against a running service (DEMO_URL) that already knows earlier ones.
 */
function registrationNumber(): string {
  const nine = Array.from({ length: 9 }, () => randomInt(10)).join('');
  return nine + businessNumberCheckDigit(nine);
}

const summary: [string, string][] = [];
try {
  step(`service at ${api}`);
  const op = new Caller(api);
  await op.signIn(
    process.env.OPERATOR_EMAIL ?? 'operator@exchange.local',
    process.env.OPERATOR_PASSWORD ?? 'operator-local-password',
  );

  // The announcement's own three calls (text, terms, budgets, target counts), each replayed with
  // its calendar moved so that its application window opened yesterday.
  const opened: { id: string; kind: string }[] = [];
  for (const call of CALLS_2024)
    opened.push(await ok(op.api.POST('/api/programs', { body: replay(call) })));
  const byKind = (kind: string) => opened.find((p) => p.kind === kind)!;
  const pool = byKind('PROCESSOR_POOL');
  const processing = byKind('PROCESSING_SUPPORT');
  const purchase = byKind('PURCHASE_SUPPORT');
  step(
    'operator opened the three 2024 calls of the announcement: processor pool, processing support (1,250,000,000 KRW for 25), purchase support (250,000,000 KRW for 25, rolling)',
  );

  // The operator checks the documents: business status, tax payments and the category (which
  // alone sets a subsidy rate).
  const verify = (orgId: string, category: Schemas['VerificationDto']['category'] = 'SME') =>
    ok(
      op.api.POST('/api/organizations/{id}/verification', {
        params: { path: { id: orgId } },
        body: { businessStatus: 'ACTIVE', taxArrears: false, category },
      }),
    );
  const select = async (
    who: Caller,
    programId: string,
    orgId: string,
    plan: Schemas['CreateApplicationDto']['plan'],
    sheet: Schemas['EvaluationDto'],
  ) => {
    const app = await ok(
      who.api.POST('/api/programs/{id}/applications', {
        params: { path: { id: programId } },
        body: { organizationId: orgId, plan },
      }),
    );
    const appPath = { params: { path: { id: app.id } } };
    await ok(who.api.POST('/api/applications/{id}/submit', appPath));
    await ok(op.api.POST('/api/applications/{id}/evaluations', { ...appPath, body: sheet }));
    await ok(
      op.api.POST('/api/applications/{id}/decision', {
        ...appPath,
        body: { decision: 'selected', reason: '데모 선정' },
      }),
    );
    return app.id;
  };

  const lab = await person('processor', {
    name: '데이터가공랩',
    registrationNumber: registrationNumber(),
    representativeName: '이가공',
    category: 'SME',
    industryCode: '62010',
  });
  await verify(lab.orgId);
  await select(
    lab.c,
    pool.id,
    lab.orgId,
    {
      summary: '제조 데이터 전처리·라벨링',
      staffCount: 12,
      technologies: ['PREPROCESSING', 'LABELLING', 'QUALITY_VERIFICATION'],
      industries: ['24', '29'],
      references: ['주조 공정 데이터 라벨링'],
    },
    { passed: true, comment: '요건 충족' },
  );
  step('데이터가공랩 joined the processor pool (absolute evaluation)');

  const owner = await person('owner', {
    name: '한국용해',
    registrationNumber: registrationNumber(),
    representativeName: '홍길동',
    category: 'SME',
    industryCode: '24311',
  });
  await verify(owner.orgId);
  const ownerApp = await select(
    owner.c,
    processing.id,
    owner.orgId,
    {
      summary: '용해탱크 데이터 상품화',
      dataDescription: '온도·교반속도·중량·검사',
      dataVolume: '1만 행',
      goals: '불량 예측 데이터셋',
      requestedGovernmentKrw: 50_000_000,
    },
    { score: 85 },
  );
  const agreement = await ok(
    op.api.POST('/api/applications/{id}/agreement', {
      params: { path: { id: ownerApp } },
      body: {
        totalCostKrw: 62_500_000,
        governmentKrw: 50_000_000,
        ownKrw: 12_500_000,
        ownCashKrw: 1_250_000,
        startsOn: today,
        endsOn: inDays(110),
      },
    }),
  );
  const projectId = agreement.processingProjectId!;
  const projectPath = { params: { path: { id: projectId } } };
  await ok(
    op.api.POST('/api/processing-projects/{id}/match', {
      ...projectPath,
      body: { processorOrganizationId: lab.orgId },
    }),
  );
  step('한국용해 got processing support (50,000,000 KRW) and was matched with 데이터가공랩');

  const kamp = await readFile(path.join(datasets, 'kamp-melting-tank/melting_tank.csv'));
  const ds = await ok(
    lab.c.api.POST('/api/datasets', {
      body: {
        organizationId: lab.orgId,
        title: '용해탱크 품질 예측 데이터셋',
        dataType: 'SENSOR_TIME_SERIES',
        industryCode: '24311',
        tags: ['용해', 'KAMP'],
      },
    }),
  );
  await ok(
    lab.c.api.POST('/api/datasets/{id}/versions', { params: { path: { id: ds.id } }, body: {} }),
  );
  await upload(lab.c, ds.id, 1, 'melting_tank.csv', kamp);
  const beltDir = path.join(datasets, 'tsid-conveyor-belt');
  for (const name of readdirSync(beltDir).slice(0, 3))
    await upload(lab.c, ds.id, 1, name, await readFile(path.join(beltDir, name)));
  await upload(
    lab.c,
    ds.id,
    1,
    'stamping_press.csv',
    await readFile(path.join(datasets, 'tsid-stamping-press/data.csv')),
  );
  await ok(
    lab.c.api.POST('/api/datasets/{id}/versions/{version}/seal', {
      params: { path: { id: ds.id, version: 1 } },
    }),
  );
  const quality = await report(lab.c, ds.id, 1);
  step(
    `quality report ${quality.status}, score ${quality.score}: ${quality.files.map((f) => `${f.name} ${f.rows} rows (${f.encoding})`).join('; ')}`,
  );

  const deliverables = [{ datasetId: ds.id, version: 1 }];
  const milestone = (m: 'PROCESSING' | 'QUALITY_VERIFICATION' | 'REGISTRATION') => ({
    params: { path: { id: projectId, milestone: m } },
  });
  for (const m of ['PROCESSING', 'QUALITY_VERIFICATION'] as const) {
    await ok(
      lab.c.api.POST('/api/processing-projects/{id}/milestones/{milestone}/submit', {
        ...milestone(m),
        body: { deliverables },
      }),
    );
    await ok(
      owner.c.api.POST('/api/processing-projects/{id}/milestones/{milestone}/accept', {
        ...milestone(m),
        body: {},
      }),
    );
  }
  const product = await ok(
    lab.c.api.POST('/api/products', {
      body: {
        datasetId: ds.id,
        version: 1,
        title: '용해탱크 품질 예측 데이터셋',
        priceKrw: 1_000_000,
        license: 'RESEARCH_ONLY',
      },
    }),
  );
  const productPath = { params: { path: { id: product.id } } };
  const guide = await ok(lab.c.api.GET('/api/products/{id}/pricing-guide', productPath));
  await ok(
    lab.c.api.PATCH('/api/products/{id}', {
      ...productPath,
      body: { priceKrw: guide.suggestedPriceKrw },
    }),
  );
  await ok(lab.c.api.POST('/api/products/{id}/publish', productPath));
  await ok(
    lab.c.api.POST('/api/processing-projects/{id}/milestones/{milestone}/submit', {
      ...milestone('REGISTRATION'),
      body: { deliverables },
    }),
  );
  const project = await ok(
    owner.c.api.POST('/api/processing-projects/{id}/milestones/{milestone}/accept', {
      ...milestone('REGISTRATION'),
      body: {},
    }),
  );
  step(
    `product listed at the guided price ${guide.suggestedPriceKrw.toLocaleString('en-US')} KRW; all three milestones accepted, project ${project.status}`,
  );
  const found = await ok(
    new Caller(api).api.GET('/api/products', { params: { query: { q: '용해' } } }),
  );
  step(`a buyer searching "용해" finds ${found.total} product(s)`);

  const buyers = [
    {
      who: 'SME',
      org: {
        name: '구매테크',
        registrationNumber: registrationNumber(),
        representativeName: '박구매',
        category: 'SME' as const,
        industryCode: '29294',
      },
      gov: 10_000_000,
      total: 12_500_000,
    },
    {
      who: 'university lab',
      org: {
        name: '한국대학교 데이터연구실',
        registrationNumber: registrationNumber(),
        representativeName: '최교수',
        category: 'NONPROFIT' as const,
        industryCode: '85301',
      },
      gov: 3_000_000,
      total: 3_000_000,
    },
  ];
  for (const b of buyers) {
    const buyer = await person(b.who.replace(' ', '-'), b.org);
    await verify(buyer.orgId, b.org.category);
    const app = await select(
      buyer.c,
      purchase.id,
      buyer.orgId,
      {
        summary: '데이터 구매',
        productsWanted: ['용해탱크'],
        intendedUse: '품질 예측 연구',
        requestedGovernmentKrw: b.gov,
      },
      { score: 80 },
    );
    const own = b.total - b.gov;
    const { voucherId } = await ok(
      op.api.POST('/api/applications/{id}/agreement', {
        params: { path: { id: app } },
        body: {
          totalCostKrw: b.total,
          governmentKrw: b.gov,
          ownKrw: own,
          ownCashKrw: own,
          startsOn: today,
          endsOn: inDays(100),
        },
      }),
    );
    const quote = await ok(
      buyer.c.api.POST('/api/orders/quote', {
        body: { productId: product.id, voucherId: voucherId! },
      }),
    );
    const order = await ok(
      buyer.c.api.POST('/api/orders', {
        body: {
          productId: product.id,
          voucherId: voucherId!,
          organizationId: buyer.orgId,
          // The price the buyer was quoted: a price changed meanwhile is refused, not charged.
          expectedPriceKrw: quote.priceKrw,
        },
      }),
    );
    if (order.payment)
      await fetch(`${stripe}/v1/payment_intents/${order.payment.paymentIntentId}/confirm`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer sk_test_local',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'payment_method=pm_card_visa',
      });
    let status = order.status;
    while (status !== 'PAID') {
      await new Promise((r) => setTimeout(r, 100));
      status = (
        await ok(buyer.c.api.GET('/api/orders/{id}', { params: { path: { id: order.id } } }))
      ).status;
    }
    const dl = await ok(
      buyer.c.api.GET('/api/products/{id}/download', {
        params: { path: { id: product.id }, query: { organizationId: buyer.orgId } },
      }),
    );
    let verified = 0;
    for (const f of dl.files)
      if (sha(Buffer.from(await (await fetch(f.url)).arrayBuffer())) === f.sha256) verified++;
    step(
      `${b.org.name} (${b.who}) bought it: voucher ${order.voucherKrw.toLocaleString('en-US')} KRW, own ${order.buyerKrw.toLocaleString('en-US')} KRW${order.payment ? ' by card' : ''}; downloaded ${verified}/${dl.files.length} files, SHA-256 verified`,
    );
    summary.push([
      b.org.name,
      `paid ${order.buyerKrw.toLocaleString('en-US')} KRW of ${(order.voucherKrw + order.buyerKrw).toLocaleString('en-US')}; ${verified}/${dl.files.length} files verified`,
    ]);
  }

  for (const p of [processing, purchase]) {
    const r = await ok(
      op.api.GET('/api/reports/programs/{id}', { params: { path: { id: p.id } } }),
    );
    if (typeof r === 'string') throw new Error('the report came as a file, not JSON');
    step(
      `report ${r.title}: budget ${r.budgetKrw?.toLocaleString('en-US') ?? 'not capped'}, committed ${r.committedKrw.toLocaleString('en-US')}, spent ${r.spentKrw.toLocaleString('en-US')}, available ${r.availableKrw.toLocaleString('en-US')} KRW`,
    );
    summary.push([
      r.title,
      `spent ${r.spentKrw.toLocaleString('en-US')} KRW, available ${r.availableKrw.toLocaleString('en-US')} KRW`,
    ]);
  }
  const ex = await ok(op.api.GET('/api/reports/exchange'));
  if (typeof ex === 'string') throw new Error('the report came as a file, not JSON');
  summary.push([
    'exchange',
    `${ex.totals.sales} sales, ${ex.totals.valueKrw.toLocaleString('en-US')} KRW (voucher ${ex.totals.voucherKrw.toLocaleString('en-US')}, own ${ex.totals.ownKrw.toLocaleString('en-US')})`,
  ]);

  console.log('\nSummary');
  // Hangul takes two columns on a terminal.
  const cols = (t: string) =>
    [...t].reduce((a, ch) => a + (/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(ch) ? 2 : 1), 0);
  const width = Math.max(...summary.map(([k]) => cols(k)));
  for (const [k, v] of summary) console.log(`  ${k}${' '.repeat(width - cols(k))}  ${v}`);
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} finally {
  await svc?.stop();
}
