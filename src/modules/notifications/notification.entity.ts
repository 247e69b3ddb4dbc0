import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing a person should hear about, in both languages, from one domain event. A user gets at
 * most one notification per event and kind, however often the event is delivered.
 */
@Entity('notifications')
@Index(['userId', 'createdAt'])
@Index(['eventId', 'userId', 'kind'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** What happened, for this reader: `order.sold`, `order.paid`, `application.selected`, … */
  @Column({ type: 'text' })
  kind: string;

  /** The domain event it tells of (domain_events.id). */
  @Column({ type: 'bigint' })
  eventId: string;

  @Column({ type: 'text' })
  titleKo: string;

  @Column({ type: 'text' })
  titleEn: string;

  @Column({ type: 'text', nullable: true })
  bodyKo: string | null;

  @Column({ type: 'text', nullable: true })
  bodyEn: string | null;

  /** Where in the web app it leads (a path), if anywhere. */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** When its e-mail went out; null: not mailed (yet, or not wanted). */
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;
}
