import { Inject, Injectable } from '@nestjs/common';
import { Kept } from '../cache/kept.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Principal } from './principal.js';

const MAX_ENTRIES = 10_000;

/**
 * The callers loaded by the guard, kept for a few seconds (AUTH_CACHE_SECONDS) so that a client's
 * burst of requests costs one lookup. Whatever changes a user's roles or memberships calls
 * `forget` after its commit; other instances of the service see the change within the TTL.
 */
@Injectable()
export class PrincipalCache {
  private readonly kept: Kept<Principal>;
  /** Bumped by every `forget`: a load that began before one is not kept. */
  private generation = 0;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'auth'>) {
    this.kept = new Kept(config.auth.principalCacheSeconds * 1000, MAX_ENTRIES);
  }

  /** The cached principal, or the loader's answer (kept unless a `forget` came meanwhile). */
  async get(
    userId: string,
    load: () => Promise<Principal | undefined>,
    now = Date.now,
  ): Promise<Principal | undefined> {
    const hit = this.kept.get(userId, now());
    if (hit) return hit;
    const started = this.generation;
    const principal = await load();
    if (principal && started === this.generation) this.kept.set(userId, principal, now());
    return principal;
  }

  /** Drops what is known of a user (their roles or memberships changed). */
  forget(userId: string): void {
    this.generation++;
    this.kept.delete(userId);
  }
}
