import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { type PageQuery, pageOf, window } from '../../platform/http/pagination.js';
import { AuditService } from '../audit/index.js';
import type { CreateEndpointDto, UpdateEndpointDto } from './dto/webhooks.dto.js';
import { checkEndpointUrl } from './url-guard.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entities.js';

/** The old secret keeps signing this long after a rotation. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
/** An organization has at most this many endpoints. */
const MAX_ENDPOINTS = 10;

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** An endpoint as its organization's admins see it: never its secret. */
function endpointView(e: WebhookEndpoint) {
  return {
    id: e.id,
    organizationId: e.organizationId,
    url: e.url,
    events: e.events,
    description: e.description,
    status: e.status,
    disabledAt: e.disabledAt,
    disabledReason: e.disabledReason,
    previousSecretUntil:
      e.previousSecretUntil && e.previousSecretUntil > new Date() ? e.previousSecretUntil : null,
    createdAt: e.createdAt,
  };
}

/** An organization's webhook endpoints: registering, changing, rotating, and their delivery log. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  eventTypes() {
    return {
      items: Object.entries(WEBHOOK_EVENT_TYPES).map(([type, s]) => ({
        type,
        labelKo: s.ko,
        labelEn: s.en,
      })),
    };
  }

  private assertEvents(events: string[]) {
    const unknown = events.filter((e) => !(e in WEBHOOK_EVENT_TYPES));
    if (unknown.length)
      throw new DomainError(
        'VALIDATION_FAILED',
        `Unknown event types: ${unknown.join(', ')}. GET /api/webhook-event-types lists them.`,
        { messageKo: `없는 이벤트 종류입니다: ${unknown.join(', ')}` },
      );
  }

  async create(organizationId: string, dto: CreateEndpointDto, actorId: string) {
    this.assertEvents(dto.events);
    const url = await checkEndpointUrl(dto.url, this.config.env === 'production');
    return this.tx.run(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `webhooks:${organizationId}`,
      ]);
      const count = await m.count(WebhookEndpoint, { where: { organizationId } });
      if (count >= MAX_ENDPOINTS)
        throw new DomainError(
          'CONFLICT',
          `An organization may have at most ${MAX_ENDPOINTS} webhook endpoints; remove one first.`,
          {
            messageKo: `웹훅 엔드포인트는 기관당 ${MAX_ENDPOINTS}개까지입니다. 하나를 지운 뒤 다시 시도해 주세요.`,
          },
        );
      const secret = newSecret();
      const endpoint = await m.save(
        m.create(WebhookEndpoint, {
          organizationId,
          url: url.toString(),
          events: [...new Set(dto.events)],
          description: dto.description ?? null,
          secret,
          createdBy: actorId,
        }),
      );
      await this.audit.record(m, {
        action: 'webhook.endpoint_created',
        entityType: 'webhook_endpoint',
        entityId: endpoint.id,
        organizationId,
        details: { url: endpoint.url, events: endpoint.events },
      });
      return { ...endpointView(endpoint), secret };
    });
  }

  async list(organizationId: string) {
    const rows = await this.dataSource.getRepository(WebhookEndpoint).find({
      where: { organizationId },
      order: { createdAt: 'ASC' },
    });
    return { items: rows.map(endpointView) };
  }

  private async find(organizationId: string, endpointId: string) {
    const e = await this.dataSource
      .getRepository(WebhookEndpoint)
      .findOneBy({ id: endpointId, organizationId });
    if (!e) throw notFound('Webhook endpoint', endpointId, '웹훅 엔드포인트를 찾을 수 없습니다.');
    return e;
  }

  /** Changes the URL, the events or the description; `enabled: true` switches a disabled one back on. */
  async update(organizationId: string, endpointId: string, dto: UpdateEndpointDto) {
    const endpoint = await this.find(organizationId, endpointId);
    if (dto.events) this.assertEvents(dto.events);
    const url = dto.url
      ? (await checkEndpointUrl(dto.url, this.config.env === 'production')).toString()
      : endpoint.url;
    const changes: Partial<WebhookEndpoint> = {
      url,
      ...(dto.events && { events: [...new Set(dto.events)] }),
      ...(dto.description !== undefined && { description: dto.description }),
      ...(dto.enabled === true && { status: 'ACTIVE', disabledAt: null, disabledReason: null }),
      ...(dto.enabled === false && {
        status: 'DISABLED',
        disabledAt: new Date(),
        disabledReason: 'switched off by an admin',
      }),
    };
    await this.tx.run(async (m) => {
      await m.update(WebhookEndpoint, { id: endpointId }, changes);
      await this.audit.record(m, {
        action: 'webhook.endpoint_updated',
        entityType: 'webhook_endpoint',
        entityId: endpointId,
        organizationId,
        details: { url, events: changes.events, enabled: dto.enabled },
      });
    });
    return endpointView(await this.find(organizationId, endpointId));
  }

  async remove(organizationId: string, endpointId: string) {
    await this.find(organizationId, endpointId);
    await this.tx.run(async (m) => {
      await m.query(
        `DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = $1)`,
        [endpointId],
      );
      await m.delete(WebhookDelivery, { endpointId });
      await m.delete(WebhookEndpoint, { id: endpointId });
      await this.audit.record(m, {
        action: 'webhook.endpoint_removed',
        entityType: 'webhook_endpoint',
        entityId: endpointId,
        organizationId,
        details: {},
      });
    });
  }

  /** A new secret, shown once; the old one keeps signing for 24 hours beside it. */
  async rotate(organizationId: string, endpointId: string) {
    const endpoint = await this.find(organizationId, endpointId);
    const secret = newSecret();
    const previousSecretUntil = new Date(Date.now() + ROTATION_OVERLAP_MS);
    await this.tx.run(async (m) => {
      await m.update(
        WebhookEndpoint,
        { id: endpointId },
        { secret, previousSecret: endpoint.secret, previousSecretUntil },
      );
      await this.audit.record(m, {
        action: 'webhook.secret_rotated',
        entityType: 'webhook_endpoint',
        entityId: endpointId,
        organizationId,
        details: { previousSecretUntil },
      });
    });
    return { ...endpointView(await this.find(organizationId, endpointId)), secret };
  }

  /** The delivery log, newest first, each with its attempts. */
  async deliveries(organizationId: string, endpointId: string, query: PageQuery) {
    await this.find(organizationId, endpointId);
    const [rows, total] = await this.dataSource.getRepository(WebhookDelivery).findAndCount({
      where: { endpointId },
      order: { eventId: 'DESC' },
      ...window(query),
    });
    const attempts = rows.length
      ? await this.dataSource.getRepository(WebhookAttempt).find({
          where: { deliveryId: In(rows.map((r) => r.id)) },
          order: { id: 'ASC' },
        })
      : [];
    return pageOf(
      [
        rows.map((d) => ({
          id: d.id,
          eventId: d.eventId,
          eventType: d.eventType,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.nextAttemptAt,
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          createdAt: d.createdAt,
          deliveredAt: d.deliveredAt,
          request: JSON.parse(d.body) as object,
          log: attempts
            .filter((a) => a.deliveryId === d.id)
            .map((a) => ({
              at: a.at,
              manual: a.manual,
              statusCode: a.statusCode,
              durationMs: a.durationMs,
              error: a.error,
              responseBody: a.responseBody,
              signature: a.requestHeaders['exchange-signature'] ?? null,
            })),
        })),
        total,
      ],
      query,
    );
  }

  /** Sends a delivery again now, whatever its state; the receiver sees the same event id. */
  async redeliver(organizationId: string, endpointId: string, deliveryId: string) {
    await this.find(organizationId, endpointId);
    const delivery = await this.dataSource
      .getRepository(WebhookDelivery)
      .findOneBy({ id: deliveryId, endpointId });
    if (!delivery) throw notFound('Delivery', deliveryId, '전송 기록을 찾을 수 없습니다.');
    await this.tx.run(async (m) => {
      await this.dispatcher.redeliver(m, deliveryId);
      await this.audit.record(m, {
        action: 'webhook.redelivered',
        entityType: 'webhook_endpoint',
        entityId: endpointId,
        organizationId,
        details: { deliveryId, eventId: delivery.eventId },
      });
    });
    return { queued: true, deliveryId };
  }
}
