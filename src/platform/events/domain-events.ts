import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../context/request-context.js';
import { Transactions } from '../database/transactions.js';
import { JobQueue } from '../jobs/job-queue.js';
import { DomainEventRow } from './domain-event.entity.js';

/** An event as it is published. */
export interface NewEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  organizationId?: string | null;
  payload?: Record<string, unknown>;
  /** Publish it only once for good: a later publish with this key does nothing. */
  onceKey?: string;
}

/** An event as a subscriber receives it. */
export interface DomainEvent extends Required<Omit<NewEvent, 'onceKey'>> {
  id: string;
  occurredAt: Date;
}

/** Handles one event inside a transaction that also records the delivery. */
export type EventHandler = (event: DomainEvent, m: EntityManager) => Promise<void>;

export const DELIVER_JOB = 'events.deliver';
export const SWEEP_JOB = 'events.sweep';
/**
 * An event still undelivered after this long is sent again (its job died or ran out of retries);
 * the sweep looks back one day, so a subscriber added later is not handed the whole history.
 */
const SWEEP_AFTER_SECONDS = 120;

/**
 * Domain events through a transactional outbox. `publish` writes the event row and its delivery
 * job in the caller's transaction: both exist exactly when the change commits. The job hands the
 * event to every subscriber of its type, each in a transaction that also writes
 * `(event, consumer)` to event_deliveries, so a subscriber's changes and the record that it ran
 * commit together. A delivery that fails is retried (the job's retries, then the sweep); one
 * that succeeded is never run again. So each subscriber sees each event at least once and acts on
 * it once: after a crash between the commit and the delivery, the job runs after the restart.
 *
 * This is the one mechanism for reacting to changes elsewhere: notifications and outbound
 * webhooks subscribe here too.
 */
@Injectable()
export class DomainEvents implements OnModuleInit {
  private readonly logger = new Logger('Events');
  private readonly subscribers = new Map<string, { consumer: string; handler: EventHandler }[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.work<{ eventId: string }>(DELIVER_JOB, ({ eventId }) => this.deliver(eventId), 2);
    // At start, every recent event some subscriber has not handled is sent at once: an instance
    // that died between a commit and its delivery left it so. Delivering twice is harmless.
    this.jobs.schedule(SWEEP_JOB, '* * * * *', { atStart: { atStart: true } });
    this.jobs.work<{ atStart?: boolean }>(
      SWEEP_JOB,
      (data) => this.sweep(data?.atStart ? 0 : SWEEP_AFTER_SECONDS),
      1,
      { pollSeconds: 2 },
    );
  }

  /**
   * `consumer` names the subscriber for good (it keys what was delivered): `processors.projects_done`.
   */
  subscribe(type: string, consumer: string, handler: EventHandler): void {
    const list = this.subscribers.get(type) ?? [];
    if (list.some((s) => s.consumer === consumer))
      throw new Error(`${consumer} subscribes to ${type} twice`);
    list.push({ consumer, handler });
    this.subscribers.set(type, list);
  }

  /**
   * Records the event in the caller's transaction and queues its delivery with it. Answers its id,
   * or null when an event with its `onceKey` was published before.
   */
  async publish(m: EntityManager, event: NewEvent): Promise<string | null> {
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO domain_events (type, subject_type, subject_id, organization_id, payload, request_id, once_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (once_key) WHERE once_key IS NOT NULL DO NOTHING RETURNING id`,
      [
        event.type,
        event.subjectType,
        event.subjectId,
        event.organizationId ?? null,
        JSON.stringify(event.payload ?? {}),
        requestContext.current()?.requestId ?? null,
        event.onceKey ?? null,
      ],
    );
    if (!row) return null;
    await this.jobs.send(DELIVER_JOB, { eventId: row.id }, { manager: m, retryLimit: 10 });
    return row.id;
  }

  /** Hands one event to each of its subscribers that has not handled it yet. */
  async deliver(eventId: string): Promise<void> {
    const row = await this.dataSource.getRepository(DomainEventRow).findOneBy({ id: eventId });
    if (!row) return;
    const event: DomainEvent = {
      id: row.id,
      type: row.type,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      organizationId: row.organizationId,
      payload: row.payload,
      occurredAt: row.occurredAt,
    };
    let failed: unknown;
    for (const { consumer, handler } of this.subscribers.get(row.type) ?? []) {
      try {
        await this.tx.run(async (m) => {
          const taken: unknown[] = await m.query(
            `INSERT INTO event_deliveries (event_id, consumer) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING event_id`,
            [eventId, consumer],
          );
          if (taken.length) await handler(event, m);
        });
      } catch (err) {
        // The others still get it; the job is retried for this one.
        this.logger.error({ err, eventId, type: row.type, consumer }, 'event delivery failed');
        failed = err;
      }
    }
    if (failed) throw failed;
  }

  /** Queues again the events some subscriber has not handled long after they happened. */
  private async sweep(olderThanSeconds: number): Promise<void> {
    const types = [...this.subscribers.keys()];
    if (!types.length) return;
    const consumers = [...this.subscribers.entries()].flatMap(([type, list]) =>
      list.map((s) => ({ type, consumer: s.consumer })),
    );
    const stale: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT e.id FROM domain_events e
         JOIN unnest($1::text[], $2::text[]) AS s(type, consumer) ON s.type = e.type
        WHERE e.occurred_at < now() - make_interval(secs => $3)
          AND e.occurred_at > now() - interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_id = e.id AND d.consumer = s.consumer)
        ORDER BY e.id LIMIT 500`,
      [consumers.map((c) => c.type), consumers.map((c) => c.consumer), olderThanSeconds],
    );
    for (const { id } of stale)
      await this.jobs.send(DELIVER_JOB, { eventId: id }, { retryLimit: 10 });
    if (stale.length) this.logger.warn(`${stale.length} events queued again for delivery`);
  }
}
