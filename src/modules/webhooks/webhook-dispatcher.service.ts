import http from 'node:http';
import https from 'node:https';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { type DomainEvent, DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';
import { guardedLookup } from './url-guard.js';
import { WEBHOOK_SOURCES } from './webhook-events.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entities.js';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
/** Backoff never waits longer than this between two attempts. */
const MAX_BACKOFF_SECONDS = 6 * 3600;
/** Deliveries tried at once by one instance. */
const CONCURRENCY = 4;

interface Answer {
  statusCode: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * Outbound webhooks: it subscribes to the domain events (the outbox) and, for each event, writes
 * one delivery per endpoint that wants it, in the same transaction, with its job. The job POSTs
 * the delivery's fixed body, signed, and records the attempt. A failure is tried again with
 * exponential backoff until the retry window (3 days) ends; then the delivery fails, and an
 * endpoint that succeeded at nothing all that time is disabled and its admins are told.
 * Deliveries about one thing (an order, a product) reach an endpoint in the order they happened.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    for (const type of Object.keys(WEBHOOK_SOURCES))
      this.events.subscribe(type, 'webhooks.fanout', (e, m) => this.fanout(e, m));
    this.jobs.work<{ deliveryId: string; manual?: boolean }>(
      WEBHOOK_DELIVER_JOB,
      ({ deliveryId, manual }) => this.attempt(deliveryId, manual ?? false),
      CONCURRENCY,
      { pollSeconds: 1 },
    );
  }

  /** One delivery per interested endpoint of each organization the event concerns. */
  private async fanout(e: DomainEvent, m: EntityManager): Promise<void> {
    const routed = await WEBHOOK_SOURCES[e.type](e, m);
    if (!routed.length) return;
    const endpoints = await m.find(WebhookEndpoint, {
      where: {
        organizationId: In([...new Set(routed.map((r) => r.organizationId))]),
        status: 'ACTIVE',
      },
    });
    const retryUntil = new Date(
      e.occurredAt.getTime() + this.config.webhooks.retryWindowSeconds * 1000,
    );
    for (const endpoint of endpoints) {
      const { type, data } = routed.find((r) => r.organizationId === endpoint.organizationId)!;
      if (!endpoint.events.includes(type)) continue;
      const body = JSON.stringify({
        id: e.id,
        type,
        createdAt: e.occurredAt.toISOString(),
        data,
      });
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(WebhookDelivery)
        .values({
          endpointId: endpoint.id,
          eventId: e.id,
          eventType: type,
          subjectKey: `${e.subjectType}:${e.subjectId}`,
          body,
          retryUntil,
          nextAttemptAt: new Date(),
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      for (const row of inserted.raw as { id: string }[])
        await this.jobs.send(
          WEBHOOK_DELIVER_JOB,
          { deliveryId: row.id },
          { manager: m, retryLimit: 5 },
        );
    }
  }

  /** Queues one attempt now, outside the schedule (redeliver). */
  async redeliver(m: EntityManager, deliveryId: string): Promise<void> {
    await this.jobs.send(
      WEBHOOK_DELIVER_JOB,
      { deliveryId, manual: true },
      { manager: m, retryLimit: 0 },
    );
  }

  /** One try of a delivery, then its outcome: done, tried again later, failed (and maybe the endpoint disabled). */
  async attempt(deliveryId: string, manual: boolean): Promise<void> {
    const m = this.dataSource.manager;
    const delivery = await m.findOneBy(WebhookDelivery, { id: deliveryId });
    if (!delivery || (!manual && delivery.status !== 'PENDING')) return;
    const endpoint = await m.findOneBy(WebhookEndpoint, { id: delivery.endpointId });
    if (!endpoint || (endpoint.status === 'DISABLED' && !manual)) {
      await m.update(
        WebhookDelivery,
        { id: deliveryId, status: 'PENDING' },
        { status: 'FAILED', nextAttemptAt: null, lastError: 'the endpoint is disabled or gone' },
      );
      return;
    }
    if (!manual) {
      // In order per thing: an earlier delivery about the same subject still pending goes first.
      const [earlier] = await m.query(
        `SELECT next_attempt_at AS "nextAttemptAt" FROM webhook_deliveries
          WHERE endpoint_id = $1 AND subject_key = $2 AND event_id < $3 AND status = 'PENDING'
          ORDER BY event_id LIMIT 1`,
        [delivery.endpointId, delivery.subjectKey, delivery.eventId],
      );
      // …and so does an earlier event about it that has not been fanned out yet (two events are
      // handed to subscribers side by side, so the later one can get here first).
      const [type, id] = [
        delivery.subjectKey.slice(0, delivery.subjectKey.indexOf(':')),
        delivery.subjectKey.slice(delivery.subjectKey.indexOf(':') + 1),
      ];
      const [unsent] = earlier
        ? [undefined]
        : await m.query(
            `SELECT 1 FROM domain_events e
              WHERE e.subject_type = $1 AND e.subject_id = $2 AND e.id < $3 AND e.type = ANY($4::text[])
                AND e.occurred_at > now() - interval '1 day'
                AND NOT EXISTS (SELECT 1 FROM event_deliveries d
                                 WHERE d.event_id = e.id AND d.consumer = 'webhooks.fanout')
              LIMIT 1`,
            [type, id, delivery.eventId, Object.keys(WEBHOOK_SOURCES)],
          );
      if (earlier || unsent) {
        const wait = Math.max(
          1,
          Math.ceil(((earlier?.nextAttemptAt?.getTime() ?? Date.now()) - Date.now()) / 1000) + 1,
        );
        await this.jobs.send(WEBHOOK_DELIVER_JOB, { deliveryId }, { startAfterSeconds: wait });
        return;
      }
    }
    const now = Date.now();
    const secrets = [
      endpoint.secret,
      ...(endpoint.previousSecret &&
      endpoint.previousSecretUntil &&
      endpoint.previousSecretUntil.getTime() > now
        ? [endpoint.previousSecret]
        : []),
    ];
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'manufacturing-data-exchange-webhooks/1',
      'exchange-event-id': delivery.eventId,
      'exchange-event-type': delivery.eventType,
      'exchange-delivery-id': delivery.id,
      [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(
        secrets,
        Math.floor(now / 1000),
        delivery.body,
      ),
    };
    const answer = await this.post(endpoint.url, headers, delivery.body);
    const ok = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
    const attempts = delivery.attempts + 1;
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(WebhookAttempt, {
        deliveryId,
        requestHeaders: { ...headers },
        statusCode: answer.statusCode,
        responseBody: answer.responseBody,
        error: answer.error,
        durationMs: answer.durationMs,
        manual,
      });
      const base = { attempts, lastStatusCode: answer.statusCode, lastError: answer.error };
      if (ok) {
        await tx.update(
          WebhookDelivery,
          { id: deliveryId },
          { ...base, status: 'SUCCEEDED', nextAttemptAt: null, deliveredAt: new Date() },
        );
        return;
      }
      if (manual) {
        // A person's retry of a failed or delivered event changes nothing about its schedule.
        await tx.update(WebhookDelivery, { id: deliveryId }, base);
        return;
      }
      const delay = Math.min(
        MAX_BACKOFF_SECONDS,
        this.config.webhooks.retryBaseSeconds * 2 ** (attempts - 1),
      );
      const next = new Date(Date.now() + delay * 1000);
      if (next.getTime() <= delivery.retryUntil.getTime()) {
        await tx.update(WebhookDelivery, { id: deliveryId }, { ...base, nextAttemptAt: next });
        await this.jobs.send(
          WEBHOOK_DELIVER_JOB,
          { deliveryId },
          { manager: tx, startAfterSeconds: delay, retryLimit: 5 },
        );
        return;
      }
      await tx.update(
        WebhookDelivery,
        { id: deliveryId },
        { ...base, status: 'FAILED', nextAttemptAt: null },
      );
      await this.disableIfDead(tx, endpoint, delivery);
    });
  }

  /**
   * A delivery failed for its whole retry window: if the endpoint delivered nothing since that
   * event, it is dead. It is disabled (under its row lock, once), and its admins hear of it.
   */
  private async disableIfDead(
    m: EntityManager,
    endpoint: WebhookEndpoint,
    failed: WebhookDelivery,
  ) {
    const [alive] = await m.query(
      `SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND delivered_at >= $2 LIMIT 1`,
      [endpoint.id, failed.createdAt],
    );
    if (alive) return;
    const locked = await m.findOne(WebhookEndpoint, {
      where: { id: endpoint.id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked || locked.status !== 'ACTIVE') return;
    const [{ failures }] = await m.query(
      `SELECT count(*)::int AS failures FROM webhook_deliveries
        WHERE endpoint_id = $1 AND status = 'FAILED' AND created_at >= $2`,
      [endpoint.id, failed.createdAt],
    );
    const reason = `every delivery failed for ${Math.round(this.config.webhooks.retryWindowSeconds / 3600)} h (last: ${failed.eventType})`;
    await m.update(
      WebhookEndpoint,
      { id: endpoint.id },
      { status: 'DISABLED', disabledAt: new Date(), disabledReason: reason },
    );
    await this.events.publish(m, {
      type: EVENT_TYPES.WEBHOOK_ENDPOINT_DISABLED,
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      organizationId: endpoint.organizationId,
      payload: { url: endpoint.url, failures, reason },
    });
    this.logger.warn(`endpoint ${endpoint.id} (${endpoint.url}) disabled: ${reason}`);
  }

  /** POSTs the body, following no redirect, refusing private addresses in production. */
  private post(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
    const started = performance.now();
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const elapsed = () => Math.round(performance.now() - started);
    return new Promise((resolve) => {
      const req = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: this.config.webhooks.timeoutSeconds * 1000,
          lookup: guardedLookup(this.config.env === 'production') as never,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            if (text.length < 1024) text += c;
          });
          res.on('end', () =>
            resolve({
              statusCode: res.statusCode ?? null,
              responseBody: text.slice(0, 1024) || null,
              error: null,
              durationMs: elapsed(),
            }),
          );
          res.on('error', (err) =>
            resolve({
              statusCode: res.statusCode ?? null,
              responseBody: null,
              error: err.message,
              durationMs: elapsed(),
            }),
          );
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer within ${this.config.webhooks.timeoutSeconds} s`)),
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        resolve({
          statusCode: null,
          responseBody: null,
          error: err.code ? `${err.code}: ${err.message}` : err.message,
          durationMs: elapsed(),
        }),
      );
      req.end(body);
    });
  }
}
