/** A formatter is costly to build: made once. en-CA writes YYYY-MM-DD. */
const SEOUL_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' });

/** The Korean calendar day of an instant, YYYY-MM-DD: the one way dates are shown and compared. */
export function seoulDate(at: Date): string {
  return SEOUL_DATE.format(at);
}

/** Today in Asia/Seoul, YYYY-MM-DD. */
export function seoulToday(now = new Date()): string {
  return seoulDate(now);
}
