import * as gazette from '@hyunbinseo/holidays-kr/all';

/**
 * Korean business days: Monday to Friday, less the public holidays of the official calendar
 * (the government's 월력요항, through @hyunbinseo/holidays-kr: lunar New Year and Chuseok,
 * substitute holidays, election days). For a year the package does not know yet, only the fixed
 * solar holidays are skipped, and the first use says so once in the log: update the package.
 */
const KNOWN = new Map<string, Readonly<Record<string, readonly string[]>>>(
  Object.entries(gazette).map(([key, days]) => [key.slice(1), days]),
);
const FIXED = ['01-01', '03-01', '05-05', '06-06', '08-15', '10-03', '10-09', '12-25'];
const warnedYears = new Set<string>();

/** The holiday's names on a Seoul date (YYYY-MM-DD), or null on a day that is not one. */
export function holidayNames(date: string): readonly string[] | null {
  const year = date.slice(0, 4);
  const known = KNOWN.get(year);
  if (known) return known[date] ?? null;
  if (!warnedYears.has(year)) {
    warnedYears.add(year);
    process.emitWarning(
      `The Korean public holidays of ${year} are not known to @hyunbinseo/holidays-kr; only the fixed solar holidays count. Update the package.`,
    );
  }
  return FIXED.includes(date.slice(5)) ? ['공휴일'] : null;
}

const dayOf = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function isBusinessDay(date: string): boolean {
  const weekday = dayOf(date).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidayNames(date);
}

/**
 * The business day `n` business days after a Seoul date (the day itself does not count). Asked on
 * Wednesday 2026-09-23, 5 business days end on Friday 2026-10-02: Chuseok takes 24-25 September
 * (without it, Wednesday 2026-09-30).
 */
export function addBusinessDays(date: string, n: number): string {
  const d = dayOf(date);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(iso(d))) left--;
  }
  return iso(d);
}
