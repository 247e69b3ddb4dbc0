/**
 * Money is bigint in code and an integer in JSON. Amounts of won stay far below 2^53, so they
 * serialise as plain numbers; anything larger would be written as a string rather than rounded.
 */
export function installBigIntJson(): void {
  const proto = BigInt.prototype as unknown as { toJSON?: () => number | string };
  if (proto.toJSON) return;
  proto.toJSON = function (this: bigint) {
    return this <= BigInt(Number.MAX_SAFE_INTEGER) && this >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(this)
      : this.toString();
  };
}
