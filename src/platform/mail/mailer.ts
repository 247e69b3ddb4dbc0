import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** Mails sent at once by one instance (the mail job's workers and the pool's connections). */
export const MAIL_CONCURRENCY = 4;

/** One e-mail: Korean first, with its English version, as text and HTML. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per message (`<notification-id@host>`): a receiver sees a resend as the same mail. */
  messageId: string;
}

/**
 * Sends e-mail with nodemailer over SMTP: to SMTP_URL, or to the local mail catcher that the
 * service starts without it. Failures throw, so the job that sends is retried.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transport?: Promise<Transporter>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Pooled: a few SMTP connections kept open and reused, not one per mail. Made at the first mail. */
  private connect(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(
        { url: this.config.mail.smtpUrl, pool: true, maxConnections: MAIL_CONCURRENCY },
        { from: this.config.mail.from },
      ),
    );
    return this.transport;
  }

  /** Whether mail can be sent at all (a test application without a mail server cannot). */
  get enabled(): boolean {
    return Boolean(this.config.mail.smtpUrl);
  }

  /** Where links in mail lead: the web app's public address. */
  get publicUrl(): string {
    return this.config.mail.publicUrl;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.enabled) return;
    const info = await (
      await this.connect()
    ).sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
    this.logger.debug(`mail ${info.messageId} to ${mail.to}: ${info.response}`);
  }

  async onApplicationShutdown(): Promise<void> {
    (await this.transport)?.close();
  }
}
