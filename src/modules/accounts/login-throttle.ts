import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError } from '../../platform/errors/domain-error.js';

interface Limit {
  key: string;
  max: number;
  en: string;
  ko: string;
}

/**
 * Refuses with 429 and Retry-After when `limit.key` has `limit.max` entries in the last `window`
 * seconds. Run under the key's advisory lock, so the count and the slot taken after it are one step.
 */
async function refuseAtLimit(m: EntityManager, limit: Limit, window: number) {
  const [row] = await m.query(
    `SELECT count(*)::int AS n, extract(epoch FROM min(at))::float8 AS oldest
       FROM (SELECT at FROM auth_attempts WHERE key = $1 AND at > now() - make_interval(secs => $2)
             ORDER BY at DESC LIMIT $3) recent`,
    [limit.key, window, limit.max],
  );
  if (row.n < limit.max) return;
  const retryAfter = Math.max(1, Math.ceil(row.oldest + window - Date.now() / 1000));
  throw new DomainError(
    'RATE_LIMITED',
    `Too many ${limit.en}. Try again in ${retryAfter} seconds.`,
    {
      messageKo: `${limit.ko} 너무 많습니다. ${retryAfter}초 후에 다시 시도해 주세요.`,
      headers: { 'Retry-After': String(retryAfter) },
      details: { retryAfterSeconds: retryAfter },
    },
  );
}

/**
 * Counts one entry under each key (an attempt id lets a sign-in forget its own later), and drops
 * what has left the window so the table stays small.
 */
async function takeSlot(m: EntityManager, keys: string[], window: number, attempt?: string) {
  await m.query(`INSERT INTO auth_attempts (key, attempt) SELECT unnest($1::text[]), $2`, [
    keys,
    attempt ?? null,
  ]);
  await m.query(
    `DELETE FROM auth_attempts WHERE key = ANY($1) AND at < now() - make_interval(secs => $2)`,
    [keys, window],
  );
}

/**
 * Limits password guessing, in PostgreSQL so that every instance sees the same counts (OWASP's
 * Authentication and Credential Stuffing cheat sheets). The design:
 * - An attempt takes its slot before the password hash runs: under a lock on the account it is
 *   counted as a failure first and forgotten only when the password was right, so concurrent
 *   guesses cannot all be checked.
 * - Failures are counted per account *from one address* (LOGIN_MAX_FAILURES_PER_ACCOUNT) and per
 *   address over all accounts (LOGIN_MAX_FAILURES_PER_ADDRESS). Someone guessing from their
 *   address therefore cannot lock the owner out at theirs: there is no account-wide lock.
 * - Against guessing spread over many addresses, failures of one account from all addresses are
 *   counted too (LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES). Past that, only addresses the
 *   account has signed in from before may try until the window passes: the owner at their usual
 *   place still signs in, a botnet does not get more guesses.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private limits(email: string, address: string): Limit[] {
    const auth = this.config.auth;
    return [
      {
        key: `pair:${email}|${address}`,
        max: auth.loginMaxFailuresPerAccount,
        en: 'failed sign-ins for this account from your address',
        ko: '이 계정의 현재 접속 위치에서 로그인 실패가',
      },
      {
        key: `address:${address}`,
        max: auth.loginMaxFailuresPerAddress,
        en: 'failed sign-ins from your address',
        ko: '현재 접속 위치에서 로그인 실패가',
      },
    ];
  }

  /**
   * Takes a slot for one sign-in attempt, or refuses with 429 and Retry-After. The slot counts as
   * a failure until `succeeded` forgets it. Answers the attempt's id.
   */
  async take(email: string, address: string): Promise<string> {
    const window = this.config.auth.loginFailureWindowSeconds;
    const attempt = randomUUID();
    await this.tx.run(async (m) => {
      // One attempt of an account at a time, then one of an address: the count and the slot are
      // one step, whatever runs concurrently (always in this order, so no deadlock).
      await m.query(
        `SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))`,
        [`login:account:${email}`, `login:address:${address}`],
      );
      const limits = this.limits(email, address);
      for (const limit of limits) await refuseAtLimit(m, limit, window);
      const accountWide = {
        key: `account:${email}`,
        max: this.config.auth.loginMaxFailuresPerAccountAllAddresses,
        en: 'failed sign-ins for this account from addresses it has not signed in from before',
        ko: '이 계정에 처음 보는 접속 위치에서 로그인 실패가',
      };
      if (!(await this.knownAddress(m, email, address)))
        await refuseAtLimit(m, accountWide, window);
      await takeSlot(m, [...limits.map((l) => l.key), accountWide.key], window, attempt);
    });
    return attempt;
  }

  private async knownAddress(m: EntityManager, email: string, address: string) {
    const rows = await m.query(`SELECT 1 FROM login_addresses WHERE email = $1 AND address = $2`, [
      email,
      address,
    ]);
    return rows.length > 0;
  }

  /**
   * The password was right: the attempt was no failure, the failures of this account from this
   * address are forgiven, and the address becomes one the account is known to sign in from.
   */
  async succeeded(attempt: string, email: string, address: string): Promise<void> {
    await this.tx.run(async (m) => {
      await m.query(`DELETE FROM auth_attempts WHERE attempt = $1 OR key = $2`, [
        attempt,
        `pair:${email}|${address}`,
      ]);
      await m.query(
        `INSERT INTO login_addresses (email, address) VALUES ($1, $2)
         ON CONFLICT (email, address) DO UPDATE SET last_signed_in_at = now()`,
        [email, address],
      );
    });
  }
}

/** Sign-ups per address (SIGNUP_MAX_PER_ADDRESS in SIGNUP_WINDOW_SECONDS), counted before the work. */
@Injectable()
export class SignupThrottle {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Takes a slot for one sign-up from this address, or refuses with 429 and Retry-After. */
  async take(address: string): Promise<void> {
    const { signupMaxPerAddress: max, signupWindowSeconds: window } = this.config.auth;
    const key = `signup:${address}`;
    await this.tx.run(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
      await refuseAtLimit(
        m,
        {
          key,
          max,
          en: 'accounts created from your address',
          ko: '현재 접속 위치에서 만든 계정이',
        },
        window,
      );
      await takeSlot(m, [key], window);
    });
  }
}

/** Reset mails a person may ask for: per address and per e-mail address, known or not. */
const RESETS_PER_ADDRESS = 10;
const RESETS_PER_EMAIL = 3;
const RESET_WINDOW_SECONDS = 3600;

/**
 * "Forgot my password" requests, counted per address and per e-mail address whether or not an
 * account has it, so the limit tells nothing about who has an account, and nobody fills an
 * inbox with reset mails.
 */
@Injectable()
export class ResetThrottle {
  constructor(private readonly tx: Transactions) {}

  /** Takes a slot for one request, or refuses with 429 and Retry-After. */
  async take(email: string, address: string): Promise<void> {
    const limits: Limit[] = [
      {
        key: `reset:address:${address}`,
        max: RESETS_PER_ADDRESS,
        en: 'password reset requests from your address',
        ko: '현재 접속 위치에서 비밀번호 재설정 요청이',
      },
      {
        key: `reset:email:${email}`,
        max: RESETS_PER_EMAIL,
        en: 'password reset requests for this e-mail address',
        ko: '이 이메일 주소로 비밀번호 재설정 요청이',
      },
    ];
    await this.tx.run(async (m) => {
      await m.query(
        `SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))`,
        limits.map((l) => l.key),
      );
      for (const limit of limits) await refuseAtLimit(m, limit, RESET_WINDOW_SECONDS);
      await takeSlot(
        m,
        limits.map((l) => l.key),
        RESET_WINDOW_SECONDS,
      );
    });
  }
}
