import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PrincipalCache } from '../../platform/auth/principal-cache.js';
import { TokenService } from '../../platform/auth/tokens.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';
import { Mailer } from '../../platform/mail/mailer.js';
import { AuditService } from '../audit/index.js';
import { ResetThrottle } from './login-throttle.js';
import { hashPassword } from './passwords.js';
import { changedMail, RESET_LINK_MINUTES, resetMail } from './reset-mail.js';
import { SessionsService } from './sessions.service.js';

/** One queue for an account's own mail: a reset link asked for, or the notice of a change. */
export const ACCOUNT_MAIL_JOB = 'accounts.mail';
type AccountMail = { kind: 'reset'; email: string } | { kind: 'changed'; userId: string };

interface LiveReset {
  id: string;
  userId: string;
  secretHash: Buffer | null;
}

/**
 * "Forgot my password": a link by mail that sets a new password once, within 30 minutes, and
 * signs the account out everywhere (OWASP's Forgot Password cheat sheet). Asking answers the
 * same whether or not an account has the address, and is limited per address and per e-mail.
 */
@Injectable()
export class PasswordResets implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly tokens: TokenService,
    private readonly throttle: ResetThrottle,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly principals: PrincipalCache,
  ) {}

  onModuleInit(): void {
    this.jobs.work<AccountMail>(
      ACCOUNT_MAIL_JOB,
      async (job) => {
        if (job.kind === 'changed') return this.mailChanged(job.userId);
        const resetId = await this.record(job.email);
        if (resetId) await this.mail(resetId);
      },
      1,
      { pollSeconds: 1 },
    );
  }

  /**
   * Asks for a reset link. The request does the same work whether or not an account has the
   * address (the limit, then a job), so neither its answer nor its time tells; the job looks.
   */
  async request(email: string, address: string): Promise<void> {
    await this.throttle.take(email, address);
    await this.jobs.send<AccountMail>(
      ACCOUNT_MAIL_JOB,
      { kind: 'reset', email },
      { retryLimit: 5 },
    );
  }

  /**
   * The request's job, first step: when an account has the address, records a reset (only the
   * newest of an account works) and answers its id; otherwise nothing. A retried job records a
   * new one, so only the link of the mail that went out works.
   */
  private async record(email: string): Promise<string | null> {
    return this.tx.run(async (m) => {
      const [user]: { id: string }[] = await m.query(`SELECT id FROM users WHERE email = $1`, [
        email,
      ]);
      if (!user) return null;
      await m.query(
        `UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [user.id],
      );
      const [reset]: { id: string }[] = await m.query(
        `INSERT INTO password_resets (user_id, expires_at)
         VALUES ($1, now() + make_interval(mins => $2)) RETURNING id`,
        [user.id, RESET_LINK_MINUTES],
      );
      await this.audit.record(m, {
        action: 'user.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        actorId: null,
        details: { resetId: reset.id },
      });
      return reset.id;
    });
  }

  /**
   * The request's job, second step: makes the link's secret, keeps its hash, then sends. A
   * request replaced, used or expired sends nothing.
   */
  private async mail(resetId: string): Promise<void> {
    if (!this.mailer.enabled) return;
    const to = await this.tx.run(async (m) => {
      const [r]: { id: string; email: string; name: string }[] = await m.query(
        `SELECT r.id, u.email, u.name FROM password_resets r JOIN users u ON u.id = r.user_id
          WHERE r.id = $1 AND r.used_at IS NULL AND r.expires_at > now() FOR UPDATE OF r`,
        [resetId],
      );
      if (!r) return null;
      const secret = this.tokens.secretFor(r.id);
      await m.query(`UPDATE password_resets SET secret_hash = $2 WHERE id = $1`, [
        r.id,
        secret.hash,
      ]);
      return { ...r, token: secret.token };
    });
    if (to) await this.mailer.send(resetMail(to, this.mailer.publicUrl));
  }

  /** Tells the person their password changed, in the transaction that changed it. */
  async notifyChanged(m: EntityManager, userId: string): Promise<void> {
    await this.jobs.send<AccountMail>(
      ACCOUNT_MAIL_JOB,
      { kind: 'changed', userId },
      { manager: m, retryLimit: 5 },
    );
  }

  private async mailChanged(userId: string): Promise<void> {
    if (!this.mailer.enabled) return;
    const [to]: { id: string; email: string; name: string }[] = await this.tx.manager.query(
      `SELECT id, email, name FROM users WHERE id = $1`,
      [userId],
    );
    if (to) await this.mailer.send(changedMail(to, this.mailer.publicUrl));
  }

  /**
   * Sets a new password with a link's token: once, before it expires. Every session of the
   * account ends; the person signs in with the new password.
   */
  async reset(token: string, password: string): Promise<void> {
    const parsed = this.tokens.parseRefreshToken(token);
    const invalid = () =>
      new DomainError(
        'RESET_TOKEN_INVALID',
        `This reset link does not work: it was used already, a newer one replaced it, or its ${RESET_LINK_MINUTES} minutes are over. Ask for a new one.`,
        {
          messageKo: `비밀번호 재설정 링크를 쓸 수 없습니다. 이미 썼거나, 더 새 링크로 바뀌었거나, ${RESET_LINK_MINUTES}분이 지났습니다. 새 링크를 요청해 주세요.`,
        },
      );
    const live = async (m: EntityManager, lock: boolean): Promise<LiveReset | undefined> => {
      const [r]: LiveReset[] = await m.query(
        `SELECT id, user_id AS "userId", secret_hash AS "secretHash" FROM password_resets
          WHERE id = $1 AND used_at IS NULL AND expires_at > now()${lock ? ' FOR UPDATE' : ''}`,
        [parsed!.id],
      );
      return r?.secretHash && this.tokens.matches(parsed!.secret, r.secretHash) ? r : undefined;
    };
    // The token is checked before the password is hashed, so made-up tokens cost no hashing.
    if (!parsed || !(await live(this.tx.manager, false))) throw invalid();
    const passwordHash = await hashPassword(password);
    const done = await this.tx.run(async (m) => {
      const r = await live(m, true);
      if (!r) throw invalid();
      await m.query(
        `UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [r.userId],
      );
      await m.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
        r.userId,
        passwordHash,
      ]);
      const ended = await this.sessions.endAll(m, r.userId);
      await this.notifyChanged(m, r.userId);
      await this.audit.record(m, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: r.userId,
        actorId: r.userId,
        details: { resetId: r.id, sessionsEnded: ended.length },
      });
      return { userId: r.userId, ended };
    });
    for (const family of done.ended) this.sessions.ended(family);
    this.principals.forget(done.userId);
  }
}
