/** Where a call's application window stands at `now`. */
export type WindowState = 'NOT_YET_OPEN' | 'OPEN' | 'CLOSED';

export function applicationWindow(
  program: { applicationOpensAt: Date; applicationClosesAt: Date | null },
  now: Date,
): WindowState {
  if (now < program.applicationOpensAt) return 'NOT_YET_OPEN';
  if (program.applicationClosesAt && now >= program.applicationClosesAt) return 'CLOSED';
  return 'OPEN';
}

/** Months between two YYYY-MM-DD dates as the announcement counts them: end within start + n months - 1 day. */
export function fitsInMonths(startsOn: string, endsOn: string, months: number): boolean {
  const [y, m, d] = startsOn.split('-').map(Number);
  // Last allowed day: the day before the same date n months later (clamped to month end).
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const daysInTarget = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, daysInTarget));
  target.setUTCDate(target.getUTCDate() - 1);
  return endsOn <= target.toISOString().slice(0, 10);
}
