import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * The outbox: something that happened which other parts care about (an order paid, a version
 * verified), written in the same transaction as the change itself, so it exists exactly when the
 * change does. Append-only; delivered at least once to each subscriber (DomainEvents).
 */
@Entity('domain_events')
@Index(['occurredAt'])
@Index(['subjectType', 'subjectId', 'id'])
export class DomainEventRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** `order.paid`, `quality.version_verified`, … */
  @Column({ type: 'text' })
  type: string;

  /** What it is about: `order` and its id. */
  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectId: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  /** The organization it concerns, when one does (whom to notify). */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  /**
   * Makes an event happen once for good: a second publish with the same key is a no-op
   * (`voucher.expiring:<id>:14`, one reminder per voucher and threshold, on any instance).
   */
  @Index({ unique: true, where: 'once_key IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  onceKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;
}

/** That a subscriber has handled an event: written with the subscriber's own changes. */
@Entity('event_deliveries')
export class EventDelivery {
  @PrimaryColumn({ type: 'bigint' })
  eventId: string;

  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @CreateDateColumn({ type: 'timestamptz' })
  deliveredAt: Date;
}
