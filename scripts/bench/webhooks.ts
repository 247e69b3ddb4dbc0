/**
 * npm run bench:webhooks
 * 1,000 domain events in a burst (BENCH_EVENTS), each a purchase of the buyer's organization. The
 * buyer's admin (the payment) and the seller's (the sale) are notified of each in the app and by
 * mail, 2,000 notifications and mails, and the buyer's webhook endpoint (a real HTTP receiver in
 * this process) receives each event, signed. Measured: how long until every event reached
 * the receiver, events per second, the latency from event to receipt (p50/p95), duplicates, and
 * how the API answers meanwhile (GET /api/products every 50 ms: p50/p95/max against the same
 * probe at rest). The events are written the way DomainEvents.publish writes them (the event row
 * and its delivery job), from outside the service, so that the burst is one instant.
 * Last line: one JSON object.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { loadConfig } from '../../src/platform/config/config.js';
import { startEmbeddedServices } from '../../src/platform/runtime/embedded-services.js';
import { Caller, cpuMs, ok, startService } from './harness.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const PROBE_EVERY_MS = 50;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdx-bench-webhooks-'));
await chmod(dataDir, 0o755);
const embedded = await startEmbeddedServices(
  loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40), MAIL_CATCHER_PORT: '0' }),
  { info: () => undefined, debug: () => undefined },
);
const dbUrl = embedded.config.database.url!;
const svc = await startService({
  DATABASE_URL: dbUrl,
  S3_ENDPOINT: embedded.config.storage.endpoint!,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  SMTP_URL: embedded.config.mail.smtpUrl!,
});

// The receiver: notes when each event arrives.
const arrivals = new Map<string, number>();
let received = 0;
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received++;
    const { id } = JSON.parse(body) as { id: string };
    if (!arrivals.has(id)) arrivals.set(id, performance.now());
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

/** GET /api/products every 50 ms for `ms`: the answer times. */
async function probe(ms: number, until?: () => boolean): Promise<number[]> {
  const times: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end && !(until?.() ?? false)) {
    const t0 = performance.now();
    const res = await fetch(`${svc.url}/api/products?pageSize=10`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  return times;
}

const db = new pg.Client({ connectionString: dbUrl });
await db.connect();
const boss = new PgBoss({ connectionString: dbUrl, schema: 'pgboss', migrate: false });
await boss.start();
try {
  const buyer = new Caller(svc.url);
  await buyer.datasetDraft('webhook bench');
  const seller = new Caller(svc.url);
  await seller.datasetDraft('webhook bench seller');
  await ok(
    buyer.api.POST('/api/organizations/{id}/webhook-endpoints', {
      params: { path: { id: buyer.organizationId } },
      body: { url: hookUrl, events: ['order.paid'] },
    }),
  );
  const atRest = await probe(3000);

  // The burst: EVENTS events and their delivery jobs, in one transaction, as publish writes them.
  const cpu0 = await cpuMs(svc.pid);
  const started = performance.now();
  const occurred = new Map<string, number>();
  await db.query('BEGIN');
  const ids: string[] = [];
  for (let i = 0; i < EVENTS; i += 250) {
    const n = Math.min(250, EVENTS - i);
    const rows = await db.query<{ id: string }>(
      `INSERT INTO domain_events (type, subject_type, subject_id, organization_id, payload)
       SELECT 'order.paid', 'order', gen_random_uuid()::text, $1, $2::jsonb FROM generate_series(1, $3)
       RETURNING id`,
      [
        buyer.organizationId,
        JSON.stringify({
          productId: randomUUID(),
          sellerOrganizationId: seller.organizationId,
          priceKrw: 1_000_000,
          voucherKrw: 800_000,
          buyerKrw: 200_000,
        }),
        n,
      ],
    );
    ids.push(...rows.rows.map((r) => r.id));
  }
  await db.query('COMMIT');
  const published = performance.now();
  for (const id of ids) occurred.set(id, published);
  await boss.insert(
    ids.map((eventId) => ({ name: 'events.deliver', data: { eventId }, retryLimit: 10 })),
  );
  const publishMs = performance.now() - started;

  const during = await probe(300_000, () => arrivals.size >= EVENTS);
  const deadline = performance.now() + 300_000;
  while (arrivals.size < EVENTS && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const allMs = Math.max(...arrivals.values()) - started;
  const cpu = (await cpuMs(svc.pid)) - cpu0;
  const latencies = [...arrivals.entries()].map(([id, at]) => at - occurred.get(id)!);

  // The notifications and mails of the same burst.
  let notes = 0;
  for (let i = 0; i < 600; i++) {
    notes = Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM notifications WHERE event_id = ANY($1::bigint[]) AND emailed_at IS NOT NULL`,
          [ids],
        )
      ).rows[0].n,
    );
    if (notes >= 2 * EVENTS) break; // the buyer's admin hears of each payment, the seller's of each sale
    await new Promise((r) => setTimeout(r, 500));
  }
  const mailsMs = performance.now() - started;
  const mails = (
    (await (await fetch(`${embedded.config.mail.catcherUrl}/messages`)).json()) as unknown[]
  ).length;

  const figures = {
    events: EVENTS,
    publishMs: Math.round(publishMs),
    deliveredAll: arrivals.size === EVENTS,
    received,
    duplicates: received - arrivals.size,
    allDeliveredS: round(allMs / 1000),
    eventsPerS: round(EVENTS / (allMs / 1000)),
    latencyP50Ms: Math.round(quantile(latencies, 0.5)),
    latencyP95Ms: Math.round(quantile(latencies, 0.95)),
    serviceCpuMsPerEvent: round(cpu / EVENTS),
    notificationsMailed: notes,
    mailsCaught: mails,
    mailsAllS: round(mailsMs / 1000),
    apiAtRestP50Ms: round(quantile(atRest, 0.5)),
    apiAtRestP95Ms: round(quantile(atRest, 0.95)),
    apiDuringP50Ms: round(quantile(during, 0.5)),
    apiDuringP95Ms: round(quantile(during, 0.95)),
    apiDuringMaxMs: round(Math.max(...during)),
    apiProbesDuring: during.length,
  };
  console.error(
    `${EVENTS} events: all at the receiver in ${figures.allDeliveredS} s (${figures.eventsPerS}/s), ` +
      `latency p50 ${figures.latencyP50Ms} ms, p95 ${figures.latencyP95Ms} ms, ${figures.duplicates} duplicates; ` +
      `${notes} notifications mailed (${mails} mails caught) by ${figures.mailsAllS} s; ` +
      `API p95 ${figures.apiAtRestP95Ms} ms at rest, ${figures.apiDuringP95Ms} ms during (max ${figures.apiDuringMaxMs} ms)`,
  );
  console.log(JSON.stringify(figures));
} finally {
  await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
  await db.end();
  receiver.close();
  await svc.stop();
  await embedded.stop();
  await rm(dataDir, { recursive: true, force: true });
}
