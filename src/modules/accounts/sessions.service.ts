import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SessionChecker } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';

const MAX_ENTRIES = 10_000;

/**
 * Sessions are refresh-token families: live while one of their tokens is neither revoked nor
 * expired. The guard asks on every request; answers are kept AUTH_CACHE_SECONDS, so a logout or
 * a theft detection reaches access tokens on other instances within that time, and at once here.
 */
@Injectable()
export class SessionsService extends SessionChecker {
  private readonly live = new Map<string, number>();
  private readonly ttlMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.ttlMs = config.auth.principalCacheSeconds * 1000;
  }

  async isLive(sessionId: string): Promise<boolean> {
    const until = this.live.get(sessionId);
    if (until !== undefined && until > Date.now()) return true;
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL AND expires_at > now()) AS live`,
      [sessionId],
    );
    if (!row.live) {
      this.live.delete(sessionId);
      return false;
    }
    if (this.ttlMs > 0) {
      if (this.live.size >= MAX_ENTRIES) this.live.clear();
      this.live.set(sessionId, Date.now() + this.ttlMs);
    }
    return true;
  }

  /** A session just ended (logout, theft): its access tokens stop working here at once. */
  ended(sessionId: string): void {
    this.live.delete(sessionId);
  }

  /**
   * Ends every session of a user in the caller's transaction (a new password): answers their ids,
   * to pass to `ended` once it commits. Other instances stop them within AUTH_CACHE_SECONDS.
   */
  async endAll(m: EntityManager, userId: string): Promise<string[]> {
    const rows: { familyId: string }[] = await m.query(
      `WITH ended AS (UPDATE refresh_tokens SET revoked_at = now()
                       WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id)
       SELECT DISTINCT family_id AS "familyId" FROM ended`,
      [userId],
    );
    return rows.map((r) => r.familyId);
  }
}
