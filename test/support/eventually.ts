/**
 * Polls `probe` until it answers something other than undefined, false or 0 (work a queue does
 * after the request that caused it), or fails with `what` after `ms`.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false | 0> | T | undefined | false | 0,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== 0) return value as T;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
