import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import type { DomainEvent } from '../../platform/events/domain-events.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { MAIL_CONCURRENCY, Mailer } from '../../platform/mail/mailer.js';
import { DEFAULT_CHANNEL, isMandatory, type NotificationChannel } from './kinds.js';
import { composeMail, type MailedNote } from './mail-content.js';
import { Notification } from './notification.entity.js';

/** A notification as the event handlers write it. */
export interface Note {
  kind: string;
  titleKo: string;
  titleEn: string;
  bodyKo?: string | null;
  bodyEn?: string | null;
  link?: string | null;
}

export const MAIL_JOB = 'notifications.mail';
/** A mail to an address with no account yet (an invitation): the event's consumer queues it once. */
export const ADDRESS_MAIL_JOB = 'notifications.mail_address';

/**
 * Writes notifications and sends their e-mail. Each person gets a notification of an event at most
 * once, as they chose (kinds.ts): in the app, in the app and by e-mail, or not at all. The e-mail
 * is a job queued in the same transaction (the outbox again), retried when the mail server fails,
 * and marked sent on the row, so one notification is mailed once.
 */
@Injectable()
export class Notifier implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
  ) {}

  onModuleInit(): void {
    this.jobs.work<{ notificationId: string }>(
      MAIL_JOB,
      ({ notificationId }) => this.mail(notificationId),
      MAIL_CONCURRENCY,
      { pollSeconds: 1 },
    );
    this.jobs.work<MailedNote>(
      ADDRESS_MAIL_JOB,
      (note) => this.mailer.send(composeMail(note, this.mailer.publicUrl)),
      1,
      { pollSeconds: 2 },
    );
  }

  /**
   * Mails a note to someone who has no account (so no inbox): queued in the caller's transaction,
   * which is the event's one delivery to its consumer, so the event mails it once.
   */
  async mailAddress(m: EntityManager, e: DomainEvent, email: string, note: Note): Promise<void> {
    if (!this.mailer.enabled) return;
    const mail: MailedNote = {
      id: `event-${e.id}-${note.kind}`,
      email,
      name: email,
      titleKo: note.titleKo,
      titleEn: note.titleEn,
      bodyKo: note.bodyKo ?? null,
      bodyEn: note.bodyEn ?? null,
      link: note.link ?? null,
    };
    await this.jobs.send(ADDRESS_MAIL_JOB, mail, { manager: m, retryLimit: 10 });
  }

  /** One row per person who wants it; an event delivered again adds nothing and mails nothing. */
  async notify(m: EntityManager, e: DomainEvent, userIds: string[], note: Note): Promise<void> {
    const users = [...new Set(userIds)];
    if (!users.length) return;
    const chosen = await this.channels(m, note.kind, users);
    const to = users.filter((u) => chosen.get(u) !== 'OFF');
    if (!to.length) return;
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(
        to.map((userId) => ({
          userId,
          eventId: e.id,
          kind: note.kind,
          titleKo: note.titleKo,
          titleEn: note.titleEn,
          bodyKo: note.bodyKo ?? null,
          bodyEn: note.bodyEn ?? null,
          link: note.link ?? null,
        })),
      )
      .orIgnore()
      .returning(['id', 'userId'])
      .execute();
    if (!this.mailer.enabled) return;
    for (const row of inserted.raw as { id: string; user_id: string }[])
      if (chosen.get(row.user_id) === 'IN_APP_AND_EMAIL')
        await this.jobs.send(
          MAIL_JOB,
          { notificationId: row.id },
          { manager: m, retryLimit: 10, singletonKey: row.id },
        );
  }

  /** Each person's channel for a kind: their choice, the default, or e-mail for mandatory kinds. */
  private async channels(m: EntityManager, kind: string, users: string[]) {
    const rows: { userId: string; channel: NotificationChannel }[] = isMandatory(kind)
      ? []
      : await m.query(
          `SELECT user_id AS "userId", channel FROM notification_preferences
            WHERE kind = $1 AND user_id = ANY($2::uuid[])`,
          [kind, users],
        );
    const chosen = new Map<string, NotificationChannel>(users.map((u) => [u, DEFAULT_CHANNEL]));
    for (const r of rows) chosen.set(r.userId, r.channel);
    return chosen;
  }

  /**
   * Mails one notification, under its row's lock: two workers never both send it, and a sent one
   * is marked so. A failed send throws; the job is retried with backoff.
   */
  private async mail(notificationId: string): Promise<void> {
    await this.tx.run(async (m) => {
      const [n]: MailedNote[] = await m.query(
        `SELECT n.id, u.email, u.name, n.title_ko AS "titleKo", n.title_en AS "titleEn",
                n.body_ko AS "bodyKo", n.body_en AS "bodyEn", n.link
           FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.id = $1 AND n.emailed_at IS NULL
            FOR UPDATE OF n SKIP LOCKED`,
        [notificationId],
      );
      if (!n) return;
      await this.mailer.send(composeMail(n, this.mailer.publicUrl));
      await m.query(`UPDATE notifications SET emailed_at = now() WHERE id = $1`, [n.id]);
    });
  }

  async members(m: EntityManager, organizationId: string, adminsOnly = false): Promise<string[]> {
    const rows: { userId: string }[] = await m.query(
      `SELECT user_id AS "userId" FROM memberships WHERE organization_id = $1 ${adminsOnly ? `AND role = 'admin'` : ''}`,
      [organizationId],
    );
    return rows.map((r) => r.userId);
  }

  /** The platform's operators (people with the operator role). */
  async operators(m: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE 'operator' = ANY(platform_roles)`,
    );
    return rows.map((r) => r.id);
  }

  async productTitle(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT title FROM products WHERE id = $1`, [id]);
    return row?.title ?? '—';
  }

  async orgName(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT name FROM organizations WHERE id = $1`, [id]);
    return row?.name ?? '—';
  }
}
