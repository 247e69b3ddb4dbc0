/** Supply value and VAT (10%) of a VAT-inclusive price, whole won: supply = floor(price x 10 / 11). */
export function vatSplit(priceKrw: bigint): { supplyKrw: bigint; vatKrw: bigint } {
  const supplyKrw = (priceKrw * 10n) / 11n;
  return { supplyKrw, vatKrw: priceKrw - supplyKrw };
}
