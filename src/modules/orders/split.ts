/**
 * The voucher's part of a price: rate x price rounded down to the won, but never more than the
 * voucher has left; the buyer pays the rest. Rates are basis points (8000 = 80%).
 */
export function splitPrice(
  priceKrw: bigint,
  rateBp: number,
  balanceKrw: bigint,
): { voucherKrw: bigint; buyerKrw: bigint } {
  const byRate = (priceKrw * BigInt(rateBp)) / 10_000n;
  const voucherKrw = byRate < balanceKrw ? byRate : balanceKrw > 0n ? balanceKrw : 0n;
  return { voucherKrw, buyerKrw: priceKrw - voucherKrw };
}
