import { Inject, Injectable } from '@nestjs/common';
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
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private readonly ttlMs: number;
  /** Bumped by every `forget`: a load that began before one is not kept. */
  private generation = 0;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'auth'>) {
    this.ttlMs = config.auth.principalCacheSeconds * 1000;
  }

  /** The cached principal, or the loader's answer (kept unless a `forget` came meanwhile). */
  async get(
    userId: string,
    load: () => Promise<Principal | undefined>,
    now = Date.now,
  ): Promise<Principal | undefined> {
    const hit = this.entries.get(userId);
    if (hit && hit.until > now()) return hit.principal;
    const started = this.generation;
    const principal = await load();
    if (!principal || this.ttlMs === 0 || started !== this.generation) return principal;
    this.entries.delete(userId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, { principal, until: now() + this.ttlMs });
    return principal;
  }

  /** Drops what is known of a user (their roles or memberships changed). */
  forget(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
  }
}
