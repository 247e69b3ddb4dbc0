import { DomainEvents, type DomainEvent } from '../../src/platform/events/domain-events.js';
import { eventually } from '../support/eventually.js';
import {
  openProgram,
  operator,
  selectedApplication,
  verifiedOrganization,
} from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('domain events through the transactional outbox', () => {
  let t: TestApp;
  let events: DomainEvents;
  beforeAll(async () => {
    t = await startTestApp();
    events = t.app.get(DomainEvents);
    await t.dataSource.query(`CREATE TABLE test_effects (event_id bigint, consumer text)`);
  });
  afterAll(() => t.close());

  const publish = async (type: string, subjectId: string, onceKey?: string) =>
    (await t.dataSource.transaction((m) =>
      events.publish(m, { type, subjectType: 'thing', subjectId, payload: { n: 1 }, onceKey }),
    ))!;
  const deliveries = async (eventId: string) =>
    (
      await t.dataSource.query(
        `SELECT consumer FROM event_deliveries WHERE event_id = $1 ORDER BY consumer`,
        [eventId],
      )
    ).map((r: { consumer: string }) => r.consumer);

  it('an event exists only if its transaction commits, and each subscriber handles it once', async () => {
    const seen: Record<string, DomainEvent[]> = { a: [], b: [] };
    events.subscribe('test.thing', 'test.a', async (e) => void seen.a.push(e));
    events.subscribe('test.thing', 'test.b', async (e) => void seen.b.push(e));

    await expect(
      t.dataSource.transaction(async (m) => {
        await events.publish(m, { type: 'test.thing', subjectType: 'thing', subjectId: 'gone' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const id = await publish('test.thing', 'kept');

    await eventually('both deliveries', async () => (await deliveries(id)).length === 2);
    // The same event handed over again (a retried job, a sweep after a restart) runs nothing twice.
    await events.deliver(id);
    await events.deliver(id);
    expect(seen.a.map((e) => e.subjectId)).toEqual(['kept']);
    expect(seen.b.map((e) => e.subjectId)).toEqual(['kept']);
    expect(seen.a[0]).toMatchObject({ id, type: 'test.thing', payload: { n: 1 } });
    const gone = await t.dataSource.query(`SELECT 1 FROM domain_events WHERE subject_id = 'gone'`);
    expect(gone).toHaveLength(0);
  });

  it('an event with a once-key happens once for good: a second publish, even later, is a no-op', async () => {
    const seenOnce: string[] = [];
    events.subscribe('test.once', 'test.once', async (e) => void seenOnce.push(e.id));
    const first = await publish('test.once', 'v1', 'test.once:v1:14');
    const again = await t.dataSource.transaction((m) =>
      events.publish(m, {
        type: 'test.once',
        subjectType: 'thing',
        subjectId: 'v1',
        onceKey: 'test.once:v1:14',
      }),
    );
    expect(first).toMatch(/^\d+$/);
    expect(again).toBeNull();
    const other = await publish('test.once', 'v1', 'test.once:v1:3');
    await eventually('both reminders delivered', async () => seenOnce.length === 2);
    expect(seenOnce.sort()).toEqual([first, other].sort());
    const rows = await t.dataSource.query(`SELECT id FROM domain_events WHERE type = 'test.once'`);
    expect(rows).toHaveLength(2);
  });

  it('a subscriber that fails is tried again until it succeeds, its failed attempts leave nothing, and the others are not run again', async () => {
    let attempts = 0;
    let steady = 0;
    events.subscribe('test.flaky', 'test.flaky', async (e, m) => {
      attempts++;
      await m.query(`INSERT INTO test_effects VALUES ($1, 'flaky')`, [e.id]);
      if (attempts < 3) throw new Error(`attempt ${attempts} fails`);
    });
    events.subscribe('test.flaky', 'test.steady', async () => void steady++);
    const id = await publish('test.flaky', 'x');
    // The queue retries on its own; these calls stand in for its retries and fail the same way.
    for (let i = 0; i < 3 && attempts < 3; i++) await events.deliver(id).catch(() => undefined);
    await eventually('the flaky delivery', async () => (await deliveries(id)).length === 2);
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(steady).toBe(1);
    // Only the successful attempt's change is there: the failed ones rolled back with their delivery.
    const effects = await t.dataSource.query(`SELECT * FROM test_effects WHERE event_id = $1`, [
      id,
    ]);
    expect(effects).toHaveLength(1);
  });

  it('the exchange publishes its moves with the change: an application submitted, evaluated and selected', async () => {
    const op = await operator(t);
    const program = await openProgram(t, op, 'PURCHASE_SUPPORT');
    const buyer = await verifiedOrganization(t, op);
    const applicationId = await selectedApplication(
      t,
      op,
      buyer.admin,
      program.id,
      buyer.org.id,
      'PURCHASE_SUPPORT',
    );
    const rows: { payload: { from: string; to: string }; organization_id: string }[] =
      await t.dataSource.query(
        `SELECT payload, organization_id FROM domain_events
          WHERE type = 'application.status_changed' AND subject_id = $1 ORDER BY id`,
        [applicationId],
      );
    expect(rows.map((r) => `${r.payload.from}>${r.payload.to}`)).toEqual(
      (
        await t.dataSource.query(
          `SELECT from_status || '>' || to_status AS move FROM application_transitions
            WHERE application_id = $1 AND from_status IS NOT NULL ORDER BY id`,
          [applicationId],
        )
      ).map((r: { move: string }) => r.move),
    );
    expect(rows.at(-1)!.payload.to).toBe('SELECTED');
    expect(new Set(rows.map((r) => r.organization_id))).toEqual(new Set([buyer.org.id]));
  });
});
