/** Whole won as people read it in messages: `2,400,000 KRW`. */
export function won(amount: bigint): string {
  return `${amount.toLocaleString('en-US')} KRW`;
}

/** Whole won as Korean messages write it: `2,400,000원`. */
export function wonKo(amount: bigint): string {
  return `${amount.toLocaleString('ko-KR')}원`;
}

/**
 * Money in an answer: an integer of won. Exact, since amounts are capped far below 2^53
 * (MAX_PRICE_KRW, budgets); JSON has no bigint.
 */
export function krw(amount: bigint): number {
  return Number(amount);
}
