import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { LoginFailure } from './login-failure.entity.js';

/**
 * Limits failed sign-ins per account and per address over a sliding window, in PostgreSQL so
 * that every instance sees the same counts. Successful sign-ins are never limited, so one
 * office behind one address can sign many people in.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, address: string) {
    const { loginMaxFailuresPerAccount, loginMaxFailuresPerAddress } = this.config.auth;
    return [
      { key: `account:${email}`, max: loginMaxFailuresPerAccount, what: 'this account' },
      { key: `address:${address}`, max: loginMaxFailuresPerAddress, what: 'your address' },
    ];
  }

  /** Refuses with 429 and Retry-After when either limit is reached. */
  async check(email: string, address: string): Promise<void> {
    const window = this.config.auth.loginFailureWindowSeconds;
    for (const { key, max, what } of this.keys(email, address)) {
      const [row] = await this.dataSource.query(
        `SELECT count(*)::int AS n, extract(epoch FROM min(at))::float8 AS oldest
           FROM (SELECT at FROM login_failures WHERE key = $1 AND at > now() - make_interval(secs => $2)
                 ORDER BY at DESC LIMIT $3) recent`,
        [key, window, max],
      );
      if (row.n >= max) {
        const retryAfter = Math.max(1, Math.ceil(row.oldest + window - Date.now() / 1000));
        throw new DomainError(
          'RATE_LIMITED',
          `Too many failed sign-ins for ${what}. Try again in ${retryAfter} seconds.`,
          {
            messageKo: `로그인 실패가 너무 많습니다. ${retryAfter}초 후에 다시 시도해 주세요.`,
            headers: { 'Retry-After': String(retryAfter) },
            details: { retryAfterSeconds: retryAfter },
          },
        );
      }
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const window = this.config.auth.loginFailureWindowSeconds;
    await this.dataSource.transaction(async (m) => {
      await m.insert(
        LoginFailure,
        this.keys(email, address).map(({ key }) => ({ key })),
      );
      // Keep the table small: forget what has left the window.
      await m.query(
        `DELETE FROM login_failures WHERE key = ANY($1) AND at < now() - make_interval(secs => $2)`,
        [this.keys(email, address).map((k) => k.key), window],
      );
    });
  }

  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE key = $1`, [`account:${email}`]);
  }
}
