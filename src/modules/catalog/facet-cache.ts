/**
 * Facet counts (and so the total) of catalog searches, kept for a few seconds: counting a broad
 * search over every listed product is the costly part of a search, and the same filters come back
 * often. Any product write in this process clears it at once; writes on other instances show
 * within the time to live.
 */
export class FacetCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 1_000,
  ) {}

  async get(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = await compute();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    // Map keeps insertion order: the first key is the oldest.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
