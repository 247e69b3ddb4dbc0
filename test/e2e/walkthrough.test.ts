import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import request from 'supertest';
import { StripeEmulator } from '../../src/modules/payments/index.js';
import { ChildService, childServiceEnv, freePort } from '../support/child-service.js';
import { eventually } from '../support/eventually.js';
import { addMember, createOrganization, signUp } from '../support/factories.js';
import { KAMP_FILE } from '../support/market.js';
import { OPERATOR, type TestClient } from '../support/test-app.js';

const run = promisify(execFile);

/** The shell blocks of the README's "Try it with curl", in order, as one script. */
async function walkthrough(): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.slice(
    readme.indexOf('## Try it with curl'),
    readme.indexOf('`npm run seed` loads'),
  );
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThan(5);
  return `set -eo pipefail\n${blocks.join('\n')}`;
}

/**
 * A load balancer as a deployment has one: each request to the next instance in turn, the body
 * streamed both ways. It counts what each instance served, and Stripe's webhooks apart.
 */
async function roundRobin(targets: string[]) {
  let next = 0;
  const served = targets.map(() => 0);
  const webhooks = targets.map(() => 0);
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    served[i]++;
    if (req.url?.startsWith('/api/payments/stripe/webhook')) webhooks[i]++;
    const target = new URL(targets[i]);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    webhooks,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * The README walkthrough, run as written, twice on the same data (a reader can run it again), and
 * against two instances of the service behind a round-robin balancer, as a deployment with more
 * than one machine runs: one PostgreSQL, one S3 bucket, one Stripe (the emulator, outside both
 * instances, its webhooks sent to the balancer). The instances start together on an empty
 * database, so both try to migrate it and to create the operator at once.
 */
describe('the README walkthrough, on two instances behind a load balancer', () => {
  let dir: string;
  let admin: pg.Client;
  let db: pg.Client;
  let databaseUrl: string;
  let databaseName: string;
  const stripe = new StripeEmulator('sk_test_two_instances', 'whsec_two_instances');
  let stripeUrl: string;
  let a: ChildService;
  let b: ChildService;
  let lb: Awaited<ReturnType<typeof roundRobin>>;
  let startedAt: Date;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-two-'));
    databaseName = `mdx_two_${randomBytes(5).toString('hex')}`;
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    stripeUrl = `http://127.0.0.1:${await stripe.listen(await freePort())}`;
    const env = await childServiceEnv(databaseUrl, path.join(dir, 'a'), {
      STRIPE_SECRET_KEY: 'sk_test_two_instances',
      STRIPE_WEBHOOK_SECRET: 'whsec_two_instances',
      STRIPE_API_BASE: stripeUrl,
    });
    a = new ChildService(env);
    b = new ChildService({
      ...env,
      PORT: String(await freePort()),
      DATA_DIR: path.join(dir, 'b', 'data'),
      WORK_DIR: path.join(dir, 'b', 'work'),
    });
    startedAt = new Date();
    await Promise.all([a.start(90_000), b.start(90_000)]);
    lb = await roundRobin([a.url, b.url]);
    stripe.setWebhookUrl(`${lb.url}/api/payments/stripe/webhook`);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await lb?.close();
    await stripe.close();
    await db?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin?.end();
    await rm(dir, { recursive: true, force: true });
  });

  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await db.query(sql, params)).rows as T[];

  it('runs as written, twice, ending in a paid order and the exact bytes, each instance serving half', async () => {
    const script = await walkthrough();
    const env = {
      ...process.env,
      API: `${lb.url}/api`,
      STRIPE: stripeUrl,
      STRIPE_KEY: 'sk_test_two_instances',
      OPERATOR_EMAIL: OPERATOR.email,
      OPERATOR_PASSWORD: OPERATOR.password,
    };
    const sha = createHash('sha256')
      .update(await readFile(KAMP_FILE))
      .digest('hex');
    for (let round = 1; round <= 2; round++) {
      const { stdout } = await run('bash', ['-c', script], { env, timeout: 90_000 });
      const lines = stdout.trim().split('\n');
      expect(stdout).not.toContain('"statusCode"'); // no refusal anywhere
      expect(lines).toEqual(
        expect.arrayContaining(['SME', 'ACTIVE', 'AVAILABLE', 'SEALED', 'PASSED 100', 'LISTED']),
      );
      expect(lines).toContain('voucher 1600000, buyer 400000');
      expect(lines.slice(-2)).toEqual(['PAID', sha]);
    }
    // Round robin: each instance served half of the requests, one more at most.
    expect(Math.abs(lb.served[0] - lb.served[1])).toBeLessThanOrEqual(1);
    expect(lb.served[0]).toBeGreaterThan(50);
    expect(lb.webhooks[0] + lb.webhooks[1]).toBeGreaterThanOrEqual(2);
  }, 200_000);

  it('did each piece of work once: one operator, each quality job, each payment, each notification, each scheduled run', async () => {
    // Both instances created the operator at start: one account.
    expect(
      await rows(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [OPERATOR.email]),
    ).toEqual([{ n: 1 }]);
    // Each sealed version was verified by one run of its job, on one of the two instances.
    const reports = await rows<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM quality_reports`,
    );
    expect(reports.length).toBe(2);
    expect(reports).toEqual(reports.map(() => ({ status: 'PASSED', attempts: 1 })));
    // The story declares its file's part checksum, so storage checked the part (and the quality
    // job the whole file's SHA-256) without a read of its own at completion.
    expect(
      await rows(
        `SELECT cardinality(part_sha256) AS parts FROM dataset_files WHERE status = 'AVAILABLE'`,
      ),
    ).toEqual([{ parts: 1 }, { parts: 1 }]);
    expect(
      await rows(
        `SELECT singleton_key, count(*)::int AS n FROM pgboss.job WHERE name = 'quality.verify'
         GROUP BY 1 HAVING count(*) <> 1`,
      ),
    ).toEqual([]);
    // Each Stripe event applied once, wherever it landed; each order paid once in the ledger.
    const paid = await rows<{ id: string }>(`SELECT id FROM orders WHERE status = 'PAID'`);
    expect(paid.length).toBe(2);
    expect(
      await rows(
        `SELECT order_id, type, count(*)::int AS n FROM payment_events WHERE order_id IS NOT NULL
         GROUP BY 1, 2 HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    // Each event's notification to each person once (the outbox delivered on either instance).
    const sold = await eventually('the sellers heard of both sales', async () => {
      const [{ n }] = await rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications WHERE kind = 'order.sold'`,
      );
      return n >= 2 && n;
    });
    expect(sold).toBe(2);
    expect(
      await rows(
        `SELECT user_id, event_id, kind FROM notifications GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    // The every-minute jobs (order expiry, payment reconciliation, the outbox sweep): each due
    // minute made one run of each, not one per instance. pg-boss turns a due minute into one
    // "send it" job (whichever instance looks first; the other's is the same minute's singleton),
    // and that into the job itself: as many runs as due minutes, each minute once. (Each instance
    // also runs each job once at its start, with data, to catch up: those are idempotent.)
    const EVERY_MINUTE = ['orders.expire', 'orders.reconcile', 'events.sweep'];
    const cron = await eventually(
      'a scheduled minute passed',
      async () => {
        const [runs, minutes] = await Promise.all([
          rows<{ name: string; n: number }>(
            `SELECT name, count(*)::int AS n FROM pgboss.job
             WHERE name = ANY($1) AND data IS NULL GROUP BY 1 ORDER BY 1`,
            [EVERY_MINUTE],
          ),
          rows<{ name: string; n: number; distinct: number }>(
            `SELECT singleton_key AS name, count(*)::int AS n,
                    count(DISTINCT singleton_on)::int AS distinct
             FROM pgboss.job WHERE name = '__pgboss__send-it' AND singleton_key = ANY($1)
             GROUP BY 1 ORDER BY 1`,
            [EVERY_MINUTE],
          ),
        ]);
        // Settled: every name has run, and each minute sent has made its job.
        return (
          runs.length === 3 &&
          JSON.stringify(runs) === JSON.stringify(minutes.map(({ name, n }) => ({ name, n }))) && {
            runs,
            minutes,
          }
        );
      },
      75_000,
    );
    for (const m of cron.minutes) expect(m.distinct).toBe(m.n);
    // No more minutes than have passed since the instances started (one may be the minute that
    // was under way then).
    const due = Math.floor(Date.now() / 60_000) - Math.floor(startedAt.getTime() / 60_000) + 1;
    for (const r of cron.runs) expect(r.n).toBeLessThanOrEqual(due);
  }, 120_000);

  it("sees a member's removal at once on the instance that made it, and on the other within AUTH_CACHE_SECONDS", async () => {
    const on = (url: string): TestClient => ({
      http: () => request(url),
      dataSource: undefined as never,
    });
    const viaA = on(a.url);
    const viaB = on(b.url);
    const owner = await signUp(viaA, '관리자');
    const org = await createOrganization(viaA, owner);
    const member = await signUp(viaA, '구성원');
    await addMember(viaA, owner, org.id, member);
    // The member reads the members on B: B now keeps the member's memberships (2 s by default).
    await viaB.http().get(`/api/organizations/${org.id}/members`).set(member.auth).expect(200);
    await viaA
      .http()
      .delete(`/api/organizations/${org.id}/members/${member.id}`)
      .set(owner.auth)
      .expect(204);
    await viaA.http().get(`/api/organizations/${org.id}/members`).set(member.auth).expect(404);
    const removed = Date.now();
    await eventually(
      'instance B sees the removal',
      async () =>
        (await viaB.http().get(`/api/organizations/${org.id}/members`).set(member.auth)).status ===
        404,
      5_000,
    );
    // The default AUTH_CACHE_SECONDS, 2 s, and the polling's own step.
    expect(Date.now() - removed).toBeLessThan(2_500);
  }, 60_000);
});
