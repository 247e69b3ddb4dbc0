/**
 * npm run bench:checkout
 * In one run: pgbench's tpcb-like TPS on the same embedded PostgreSQL with the same client count,
 * then full checkouts per second through the HTTP API (quote, order with voucher, emulator confirm,
 * webhook, entitlement) with many buyers in parallel, then the overspend check on every voucher,
 * then the bare-SQL baseline: every statement the service sent during those checkouts (its
 * statement log, SQL_LOG_FILE) replayed with pg alone on a copy of the database taken just before
 * them. `ratio` is checkouts/s through the service over checkouts/s of the bare replay.
 * Stripe is outside the service, as in production: the emulator runs in this process and the
 * service reaches it through STRIPE_API_BASE (its webhooks come back over HTTP).
 * BENCH_STATEMENTS=1 prints how many statements of each kind a checkout sends.
 * Last line: one JSON object.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/platform/config/config.js';
import { StripeEmulator } from '../../src/modules/payments/index.js';
import { startEmbeddedServices } from '../../src/platform/runtime/embedded-services.js';
import { freePort } from '../../src/platform/runtime/free-port.js';
import { Caller, cpuTimes, ok, pool, startService } from './harness.js';
import { copyDatabase, markLog, readUnits, replay, statementKinds } from './replay.js';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PRICE = 10_000;
/** Enough products that no buyer runs out in SECONDS (about 45 checkouts/s here). */
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? Math.ceil((SECONDS * 120) / BUYERS));

function pgbenchBinary(): string {
  const dirs = ['/usr/lib/postgresql']
    .filter(existsSync)
    .flatMap((d) => readdirSync(d).map((v) => path.join(d, v, 'bin', 'pgbench')));
  const found = [...dirs, '/usr/bin/pgbench'].find(existsSync);
  if (!found)
    throw new Error(
      "pgbench was not found: install Debian's postgresql-15 (apt-get install postgresql-15) and run again.",
    );
  return found;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdx-bench-checkout-'));
await chmod(dataDir, 0o755);
const embedded = await startEmbeddedServices(
  loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) }),
  { info: () => undefined, debug: () => undefined },
);
const url = new URL(embedded.config.database.url!);
const STRIPE_KEY = 'sk_test_bench';
const stripe = new StripeEmulator(STRIPE_KEY, 'whsec_bench');
const emulatorPort = await stripe.listen(await freePort());
// Every statement the service sends, for the bare-SQL baseline (step 4).
const statementLog = path.join(dataDir, 'statements.jsonl');
const svc = await startService({
  SQL_LOG_FILE: statementLog,
  DATABASE_URL: url.toString(),
  S3_ENDPOINT: embedded.config.storage.endpoint!,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  STRIPE_SECRET_KEY: STRIPE_KEY,
  STRIPE_WEBHOOK_SECRET: 'whsec_bench',
  STRIPE_API_BASE: `http://127.0.0.1:${emulatorPort}`,
});
stripe.setWebhookUrl(`${svc.url}/api/payments/stripe/webhook`);
try {
  // 1. pgbench on the same server, same client count.
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query('CREATE DATABASE pgbench');
  await admin.end();
  const bench = pgbenchBinary();
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const conn = [
    '-h',
    url.hostname,
    '-p',
    url.port,
    '-U',
    decodeURIComponent(url.username),
    'pgbench',
  ];
  execFileSync(bench, ['-i', '-s', '10', '-q', ...conn], { env, stdio: 'ignore' });
  const out = execFileSync(
    bench,
    ['-c', String(BUYERS), '-j', '2', '-T', String(SECONDS), ...conn],
    { env },
  ).toString();
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  console.log(`pgbench tpcb-like, ${BUYERS} clients, ${SECONDS} s: ${tps.toFixed(0)} TPS`);

  // 2. A listed product and buyers holding purchase vouchers, set up through the API.
  const op = new Caller(svc.url);
  // The settings the service reads (the harness passes this environment to it).
  await op.signIn(
    process.env.OPERATOR_EMAIL ?? 'operator@exchange.local',
    process.env.OPERATOR_PASSWORD ?? 'operator-local-password',
  );
  const verify = (id: string) =>
    ok(
      op.api.POST('/api/organizations/{id}/verification', {
        params: { path: { id } },
        body: { businessStatus: 'ACTIVE', taxArrears: false, category: 'SME' },
      }),
    );
  // A buyer buys a product once (docs/domain.md), so every checkout is of another product: PRODUCTS
  // products of one seller, each buyer going through them in turn.
  const seller = new Caller(svc.url);
  await seller.datasetDraft('checkout benchmark');
  await verify(seller.organizationId);
  const csv = Buffer.from('t,v\n2024-01-01 00:00:00,1\n2024-01-01 00:01:00,2\n');
  const { createHash } = await import('node:crypto');
  const products: string[] = [];
  await pool(
    Array.from({ length: PRODUCTS }, (_, i) => i),
    8,
    async (i) => {
      const { datasetId, version } = await seller.anotherDataset(`checkout benchmark ${i}`);
      const versionPath = { params: { path: { id: datasetId, version } } };
      const up = await ok(
        seller.api.POST('/api/datasets/{id}/versions/{version}/files', {
          ...versionPath,
          body: {
            name: 'a.csv',
            sizeBytes: csv.length,
            sha256: createHash('sha256').update(csv).digest('hex'),
            contentType: 'text/csv',
          },
        }),
      );
      const put = await fetch(up.parts[0].url, { method: 'PUT', body: csv });
      await ok(
        seller.api.POST('/api/uploads/{uploadId}/complete', {
          params: { path: { uploadId: up.uploadId } },
          body: { parts: [{ partNumber: 1, etag: put.headers.get('etag')! }] },
        }),
      );
      await ok(seller.api.POST('/api/datasets/{id}/versions/{version}/seal', versionPath));
      for (let n = 0; n < 200; n++) {
        const r = await ok(
          seller.api.GET('/api/datasets/{id}/versions/{version}/quality-report', versionPath),
        );
        if (r.status === 'PASSED') break;
        await new Promise((r2) => setTimeout(r2, 100));
      }
      const product = await ok(
        seller.api.POST('/api/products', {
          body: {
            datasetId,
            version,
            title: `checkout bench ${i}`,
            priceKrw: PRICE,
            license: 'RESEARCH_ONLY',
          },
        }),
      );
      await ok(
        seller.api.POST('/api/products/{id}/publish', { params: { path: { id: product.id } } }),
      );
      products.push(product.id);
    },
  );
  const program = await ok(
    op.api.POST('/api/programs', {
      body: {
        kind: 'PURCHASE_SUPPORT',
        title: 'bench purchase support',
        budgetKrw: 10_000_000 * BUYERS,
        applicationOpensAt: new Date(Date.now() - 86_400_000).toISOString(),
        applicationClosesAt: null,
      },
    }),
  );
  const buyers: { client: Caller; organizationId: string; voucherId: string }[] = [];
  for (let i = 0; i < BUYERS; i++) {
    const buyer = new Caller(svc.url);
    await buyer.datasetDraft(`buyer ${i}`); // signs up, makes an organization
    const organizationId = buyer.organizationId;
    await verify(organizationId);
    const app = await ok(
      buyer.api.POST('/api/programs/{id}/applications', {
        params: { path: { id: program.id } },
        body: {
          organizationId,
          plan: {
            summary: 'bench',
            productsWanted: ['bench'],
            intendedUse: 'bench',
            requestedGovernmentKrw: 10_000_000,
          },
        },
      }),
    );
    const appPath = { params: { path: { id: app.id } } };
    await ok(buyer.api.POST('/api/applications/{id}/submit', appPath));
    await ok(
      op.api.POST('/api/applications/{id}/evaluations', { ...appPath, body: { score: 80 } }),
    );
    await ok(
      op.api.POST('/api/applications/{id}/decision', {
        ...appPath,
        body: { decision: 'selected', reason: 'bench' },
      }),
    );
    const today = new Date().toISOString().slice(0, 10);
    const agreement = await ok(
      op.api.POST('/api/applications/{id}/agreement', {
        ...appPath,
        body: {
          totalCostKrw: 12_500_000,
          governmentKrw: 10_000_000,
          ownKrw: 2_500_000,
          ownCashKrw: 2_500_000,
          startsOn: today,
          endsOn: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
        },
      }),
    );
    buyers.push({ client: buyer, organizationId, voucherId: agreement.voucherId! });
  }

  // The database as the checkouts find it, for the replay; the log from here on is theirs.
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const bareUrl = new URL(url);
  bareUrl.pathname = '/bare';
  await copyDatabase(adminUrl.toString(), url.pathname.slice(1), 'bare');
  const logFrom = await markLog(statementLog);

  // 3. Checkouts, every buyer in parallel, for the same time as pgbench.
  let done = 0;
  const latencies: number[] = [];
  const steps = { quote: 0, order: 0, confirm: 0, webhook: 0, entitlement: 0 };
  const lap = (step: keyof typeof steps, since: number) => {
    const now = performance.now();
    steps[step] += now - since;
    return now;
  };
  const cpuBefore = await cpuTimes(svc.pid);
  const until = Date.now() + SECONDS * 1000;
  await pool(buyers, BUYERS, async (b) => {
    for (let n = 0; Date.now() < until && n < products.length; n++) {
      const t0 = performance.now();
      const productId = products[n];
      const quote = await ok(
        b.client.api.POST('/api/orders/quote', { body: { productId, voucherId: b.voucherId } }),
      );
      let t = lap('quote', t0);
      const order = await ok(
        b.client.api.POST('/api/orders', {
          params: { header: { 'idempotency-key': `${b.organizationId}-${n}` } },
          body: {
            productId,
            voucherId: b.voucherId,
            organizationId: b.organizationId,
            expectedPriceKrw: quote.priceKrw,
          },
        }),
      );
      t = lap('order', t);
      await fetch(
        `http://127.0.0.1:${emulatorPort}/v1/payment_intents/${order.payment!.paymentIntentId}/confirm`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${STRIPE_KEY}`,
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: 'payment_method=pm_card_visa',
        },
      );
      for (;;) {
        const o = await ok(
          b.client.api.GET('/api/orders/{id}', { params: { path: { id: order.id } } }),
        );
        if (o.status === 'PAID') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      t = lap('webhook', t);
      await ok(
        b.client.api.GET('/api/entitlements', {
          params: { query: { organizationId: b.organizationId } },
        }),
      );
      lap('entitlement', t);
      latencies.push(performance.now() - t0);
      done++;
    }
  });
  const cpuAfter = await cpuTimes(svc.pid);
  const serviceUserMs = cpuAfter.user - cpuBefore.user;
  const serviceSystemMs = cpuAfter.system - cpuBefore.system;
  const serviceCpuMsPerCheckout = serviceUserMs + serviceSystemMs;
  await new Promise((r) => setTimeout(r, 500)); // the log's last lines written
  const logTo = await markLog(statementLog);
  const perSec = done / SECONDS;
  latencies.sort((a, b) => a - b);
  console.log(
    `checkouts through the API, ${BUYERS} buyers at once, ${SECONDS} s: ${done} = ${perSec.toFixed(1)}/s; p50 ${latencies[Math.floor(latencies.length / 2)].toFixed(0)} ms, p95 ${latencies[Math.floor(latencies.length * 0.95)].toFixed(0)} ms`,
  );

  console.log(
    `service CPU: ${(serviceCpuMsPerCheckout / done).toFixed(1)} ms a checkout (user ${(serviceUserMs / done).toFixed(1)} + system ${(serviceSystemMs / done).toFixed(1)}, all its requests and webhooks)`,
  );
  console.log(
    `mean per checkout: ${Object.entries(steps)
      .map(([k, v]) => `${k} ${(v / done).toFixed(0)} ms`)
      .join(', ')}`,
  );

  // 4. Overspend: no voucher spent or held past its limit, and the ledger balances.
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const [check] = (
    await db.query(`
      SELECT coalesce(sum(greatest(0, spent + reserved - v.limit_krw)), 0)::text AS overspend,
             (SELECT coalesce(sum(amount_krw), 0) FROM ledger_entries)::text AS ledger_total,
             count(*) FILTER (WHERE available < 0) AS negative
        FROM vouchers v
        JOIN LATERAL (SELECT coalesce(sum(amount_krw) FILTER (WHERE account = 'PROGRAM_SPENT'), 0) AS spent,
                             coalesce(sum(amount_krw) FILTER (WHERE account = 'VOUCHER_RESERVED'), 0) AS reserved,
                             coalesce(sum(amount_krw) FILTER (WHERE account = 'VOUCHER_AVAILABLE'), 0) AS available
                        FROM ledger_entries e WHERE e.voucher_id = v.id) s ON true`)
  ).rows;
  await db.end();
  console.log(
    `vouchers: overspend ${check.overspend} KRW, ${check.negative} negative balances; whole ledger sums to ${check.ledger_total}`,
  );

  // 4. The same work without the service: every statement it sent during the checkouts (its
  // transactions, locks and background work included), replayed with pg on as many connections
  // as buyers, against the copy of the database taken just before them.
  const units = await readUnits(statementLog, logFrom, logTo);
  if (process.env.BENCH_STATEMENTS)
    console.log(
      `statements a checkout, by kind: ${statementKinds(units)
        .map(([kind, n]) => `${kind} ${(n / done).toFixed(2)}`)
        .join(', ')}`,
    );
  const bare = await replay(bareUrl.toString(), units, BUYERS);
  const barePerSec = done / bare.seconds;
  console.log(
    `bare SQL: the ${bare.statements.toLocaleString('en-US')} statements of those ${done} checkouts (${(bare.statements / done).toFixed(1)} a checkout, in ${units.length.toLocaleString('en-US')} transactions and single statements) replayed with pg, ${BUYERS} connections: ${bare.seconds.toFixed(2)} s = ${barePerSec.toFixed(1)} checkouts/s, ${(bare.cpuMs / done).toFixed(1)} ms of the replaying process's CPU a checkout; ${bare.failed} failed on replay`,
  );
  console.log(
    JSON.stringify({
      ratio: Math.round((perSec / barePerSec) * 1000) / 1000,
      checkoutsPerSec: Math.round(perSec * 10) / 10,
      bareCheckoutsPerSec: Math.round(barePerSec * 10) / 10,
      serviceCpuMsPerCheckout: Math.round((serviceCpuMsPerCheckout / done) * 10) / 10,
      bareCpuMsPerCheckout: Math.round((bare.cpuMs / done) * 10) / 10,
      p95Ms: Math.round(latencies[Math.floor(latencies.length * 0.95)]),
      statementsPerCheckout: Math.round((bare.statements / done) * 10) / 10,
      replayFailures: bare.failed,
      pgbenchTps: Math.round(tps),
      overspendKrw: Number(check.overspend),
    }),
  );
} finally {
  await svc.stop();
  await stripe.close();
  await embedded.stop();
  await rm(dataDir, { recursive: true, force: true });
}
