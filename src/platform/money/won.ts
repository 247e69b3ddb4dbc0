/** Whole won as people read it in messages: `2,400,000 KRW`. */
export function won(amount: bigint): string {
  return `${amount.toLocaleString('en-US')} KRW`;
}
