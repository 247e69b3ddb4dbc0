import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type EndpointStatus = 'ACTIVE' | 'DISABLED';
export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** Where an organization wants to hear of its events, signed with a secret of its own. */
@Entity('webhook_endpoints')
@Index(['organizationId'])
@Check(`status IN ('ACTIVE', 'DISABLED')`)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  url: string;

  /** Event types it wants (webhook-events.ts). */
  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The signing secret; shown once, when made or rotated. */
  @Column({ type: 'text' })
  secret: string;

  /** The secret before the last rotation, still signed with until `previousSecretUntil`. */
  @Column({ type: 'text', nullable: true })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretUntil: Date | null;

  @Column({ type: 'text', default: 'ACTIVE' })
  status: EndpointStatus;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One event for one endpoint: the exact body sent (the same on every attempt, so its `id` lets
 * the receiver drop a repeat), where it stands, and when it is tried next.
 */
@Entity('webhook_deliveries')
@Index(['endpointId', 'eventId'], { unique: true })
@Index(['endpointId', 'createdAt'])
@Index(['endpointId', 'subjectKey', 'eventId'])
@Check(`status IN ('PENDING', 'SUCCEEDED', 'FAILED')`)
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  endpointId: string;

  @Column({ type: 'bigint' })
  eventId: string;

  @Column({ type: 'text' })
  eventType: string;

  /** `order:<id>`: deliveries about one thing reach an endpoint in the order they happened. */
  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Retries stop after this (the event's time plus the retry window). */
  @Column({ type: 'timestamptz' })
  retryUntil: Date;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}

/** One try of a delivery, for the log: what was sent, what came back, how long it took. */
@Entity('webhook_attempts')
@Index(['deliveryId', 'id'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  /** The headers sent (the signature among them); the body is the delivery's. */
  @Column({ type: 'jsonb' })
  requestHeaders: Record<string, string>;

  @Column({ type: 'int', nullable: true })
  statusCode: number | null;

  /** The start of the receiver's answer (at most 1 KB). */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'int' })
  durationMs: number;

  /** A person asked for it (redeliver), rather than the schedule. */
  @Column({ type: 'boolean', default: false })
  manual: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
