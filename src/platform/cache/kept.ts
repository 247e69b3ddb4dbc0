/**
 * Answers kept for a while by key, at most `max` of them (the oldest goes first): the service's
 * short per-instance caches (callers, facet counts) on one shape. Whoever keeps something here
 * says in its own words when it is forgotten early.
 */
export class Kept<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  /** The value kept for `key`, unless there is none or its time is up. */
  get(key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    return undefined;
  }

  /** Keeps `value` for the TTL from `now` (nothing with a TTL of 0). */
  set(key: string, value: V, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: now + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
