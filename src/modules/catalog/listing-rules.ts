/** A product made with processing support stays listed for a year from its first listing. */
export const LISTING_LOCK_MONTHS = 12;

export function lockedUntil(firstListedAt: Date): Date {
  const until = new Date(firstListedAt);
  until.setUTCMonth(until.getUTCMonth() + LISTING_LOCK_MONTHS);
  return until;
}

/** Whether the lock stops this delisting: only processing-supported products, only inside the year, never for operators. */
export function delistingLocked(
  product: { processingSupported: boolean; firstListedAt: Date | null },
  actorIsOperator: boolean,
  now: Date,
): boolean {
  if (!product.processingSupported || !product.firstListedAt || actorIsOperator) return false;
  return now < lockedUntil(product.firstListedAt);
}
