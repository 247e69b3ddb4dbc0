import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../../src/app/data-source.js';
import { ChildService, childServiceEnv, freePort } from '../support/child-service.js';
import { cloneTestDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';
import {
  openProgram,
  operator,
  selectedApplication,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import { recordFigures, tally } from '../support/figures.js';
import { mailsTo } from '../support/mailbox.js';
import { webhookReceiver } from '../support/receiver.js';
import { processingAgreement } from '../support/market.js';
import { type TestClient } from '../support/test-app.js';

/**
 * The outbox across a crash. A processing project is completed (the change commits with its
 * `processing_project.completed` event); its delivery to the processors' record starts but cannot
 * finish (the test holds the row it updates), and the service is killed with SIGKILL right then.
 * After the restart the event is delivered, once to each consumer: the processor's count goes up
 * by exactly one, each person concerned has one notification and one mail, and the processor's
 * webhook endpoint one delivery, received once.
 */
describe('the service killed between a commit and the delivery of its event', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let svc: ChildService;
  let dataSource: DataSource;
  let client: TestClient;
  let counted: ReturnType<typeof tally>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-outbox-'));
    db = await cloneTestDatabase();
    const env = await childServiceEnv(db.url, dir, {
      STRIPE_EMULATOR_PORT: String(await freePort()),
    });
    svc = new ChildService(env);
    await svc.start();
    dataSource = await createDataSource(db.url).initialize();
    counted = tally({ http: () => request(svc.url), dataSource });
    client = counted.client;
  }, 90_000);
  afterAll(async () => {
    await svc?.stop();
    await dataSource?.destroy();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const projectsDone = async (organizationId: string) =>
    (
      await dataSource.query(
        `SELECT projects_done AS n FROM pool_members WHERE organization_id = $1`,
        [organizationId],
      )
    )[0].n as number;

  it('delivers the event after the restart, once', async () => {
    const op: TestUser = await operator(client);
    const pool = await openProgram(client, op, 'PROCESSOR_POOL');
    const call = await openProgram(client, op, 'PROCESSING_SUPPORT');
    const lab = await verifiedOrganization(client, op, {
      industryCode: '62010',
      representativeName: '가공랩대표',
    });
    await selectedApplication(client, op, lab.admin, pool.id, lab.org.id, 'PROCESSOR_POOL');
    const owner = await verifiedOrganization(client, op, {
      industryCode: '24311',
      representativeName: '보유기업대표',
    });
    const applicationId = await selectedApplication(
      client,
      op,
      owner.admin,
      call.id,
      owner.org.id,
      'PROCESSING_SUPPORT',
    );
    const projectId = await processingAgreement(client, op, applicationId);
    await client
      .http()
      .post(`/api/processing-projects/${projectId}/match`)
      .set(op.auth)
      .send({ processorOrganizationId: lab.org.id })
      .expect(201);
    expect(await projectsDone(lab.org.id)).toBe(0);
    // The processor's own system listens for its completed projects.
    const receiver = await webhookReceiver();
    const hook = receiver.url;
    await client
      .http()
      .post(`/api/organizations/${lab.org.id}/webhook-endpoints`)
      .set(lab.admin.auth)
      .send({ url: hook, events: ['project.completed'] })
      .expect(201);

    // Hold the processor's record, so the delivery starts and waits.
    const holder: QueryRunner = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM pool_members WHERE organization_id = $1 FOR UPDATE`, [
      lab.org.id,
    ]);
    try {
      await client
        .http()
        .post(`/api/applications/${applicationId}/complete`)
        .set(op.auth)
        .send({ reason: '과제 완료' })
        .expect(201);
      const [event] = await dataSource.query(
        `SELECT id FROM domain_events WHERE type = 'processing_project.completed' AND subject_id = $1`,
        [projectId],
      );
      expect(event).toBeDefined();
      await eventually('the delivery waiting on the held record', async () => {
        const waiting = await dataSource.query(
          `SELECT 1 FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE 'UPDATE pool_members%'`,
        );
        return waiting.length > 0;
      });
      await svc.kill();
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }

    const delivered = (eventId: string) =>
      dataSource.query(
        `SELECT consumer FROM event_deliveries WHERE event_id = $1 AND consumer = 'processors.projects_done'`,
        [eventId],
      );
    const consumers = async (eventId: string) =>
      (
        await dataSource.query(
          `SELECT consumer FROM event_deliveries WHERE event_id = $1 ORDER BY consumer`,
          [eventId],
        )
      ).map((r: { consumer: string }) => r.consumer);
    const notes = async (eventId: string) =>
      (
        await dataSource.query(
          `SELECT user_id FROM notifications WHERE event_id = $1 ORDER BY user_id`,
          [eventId],
        )
      ).length;
    const hookDeliveries = async (eventId: string) =>
      (await dataSource.query(`SELECT 1 FROM webhook_deliveries WHERE event_id = $1`, [eventId]))
        .length;
    const [{ id: eventId }] = await dataSource.query(
      `SELECT id FROM domain_events WHERE type = 'processing_project.completed' AND subject_id = $1`,
      [projectId],
    );
    // Killed mid-delivery: the completion is committed, its consequence is not.
    expect(await delivered(eventId)).toHaveLength(0);
    expect(await projectsDone(lab.org.id)).toBe(0);
    expect(await consumers(eventId)).toEqual([]);
    expect(await notes(eventId)).toBe(0);
    expect(await hookDeliveries(eventId)).toBe(0);

    await svc.start();
    await eventually(
      'the delivery after the restart',
      async () => (await delivered(eventId)).length,
    );
    expect(await projectsDone(lab.org.id)).toBe(1);
    // Every later delivery of the same event (the job that died, retried; the next sweeps) skips it.
    await eventually('the webhook received', () => receiver.received.length);
    const completedMail = async (email: string) =>
      (await mailsTo(email)).filter((m) => m.subject.includes('가공 과제가 완료되었습니다'));
    await eventually(
      'the mails',
      async () =>
        (await completedMail(owner.admin.email)).length &&
        (await completedMail(lab.admin.email)).length,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await delivered(eventId)).toHaveLength(1);
    expect(await projectsDone(lab.org.id)).toBe(1);
    expect(await consumers(eventId)).toEqual([
      'notifications.project.completed',
      'processors.projects_done',
      'webhooks.fanout',
    ]);
    expect(await notes(eventId)).toBe(2); // the owner's admin and the processor's, once each
    expect(await completedMail(owner.admin.email)).toHaveLength(1);
    expect(await completedMail(lab.admin.email)).toHaveLength(1);
    expect(await hookDeliveries(eventId)).toBe(1);
    expect(receiver.taken()).toEqual([
      expect.objectContaining({ id: eventId, type: 'project.completed' }),
    ]);
    await receiver.close();
    recordFigures('outbox crash', { ...counted.figures, faults: 1 });
  }, 120_000);

  it('keeps running when the job queue cannot record that a job finished', async () => {
    // pg-boss records a finished job without awaiting it. Here that record fails, as it does when
    // PostgreSQL ends the connection at that moment; the tries are counted by a sequence, which a
    // failed transaction does not roll back.
    await dataSource.query(`CREATE SEQUENCE test_refused_finishes`);
    await dataSource.query(`
      CREATE FUNCTION pgboss.test_refuse_finish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('public.test_refused_finishes');
        RAISE EXCEPTION 'the record of a finished job refused for the test';
      END $$`);
    await dataSource.query(`
      CREATE TRIGGER test_refuse_finish BEFORE UPDATE ON pgboss.job FOR EACH ROW
        WHEN (NEW.name = 'orders.expire' AND NEW.state IN ('completed', 'failed'))
        EXECUTE FUNCTION pgboss.test_refuse_finish()`);
    const refused = async () =>
      Number(
        (
          await dataSource.query(
            `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM test_refused_finishes`,
          )
        )[0].n,
      );
    try {
      await dataSource.query(`INSERT INTO pgboss.job (name, data) VALUES ('orders.expire', '{}')`);
      await eventually('the finished job refused', refused);
      await new Promise((r) => setTimeout(r, 500));
      expect(svc.running).toBe(true);
      await request(svc.url).get('/health').expect(200);
      expect(svc.log()).toContain('a finished job could not be recorded');
    } finally {
      await dataSource.query(`DROP TRIGGER test_refuse_finish ON pgboss.job`);
      await dataSource.query(`DROP FUNCTION pgboss.test_refuse_finish()`);
      await dataSource.query(`DROP SEQUENCE test_refused_finishes`);
    }
  }, 30_000);
});
