/** Money and dates as people here read them: 1,600,000원 and Seoul dates (2026-12-01). */

const wonFormat = new Intl.NumberFormat('ko-KR');
const krwFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'KRW' });
let reader: 'ko' | 'en' = 'ko';

/**
 * The language amounts are written in: the app sets it with its own (switchLanguage), the
 * server for each page it draws (renderToString runs start to end without yielding).
 */
export function setMoneyLanguage(language: 'ko' | 'en') {
  reader = language;
}

/**
 * An integer amount of won (the API sends integers; no float arithmetic happens here):
 * 1,600,000원 for Korean readers, ₩1,600,000 for English ones.
 */
export function won(amount: number | bigint | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  return reader === 'en' ? krwFormat.format(amount) : `${wonFormat.format(amount)}원`;
}

/** A count with its thousands separated (14,586), as both languages write it. */
export function grouped(n: number): string {
  return wonFormat.format(n);
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Seoul',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The Seoul calendar day of an instant (or a YYYY-MM-DD day as it is). */
export function seoulDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return dayFormat.format(new Date(value));
}

/** The Seoul day and time of an instant: 2026-12-01 17:05. */
export function seoulDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return `${dayFormat.format(d)} ${timeFormat.format(d)}`;
}

/** A size in bytes for people: 1.2 MB. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** A rate in basis points as a percentage: 8000 -> 80%. */
export function percent(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  return `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(2)}%`;
}
