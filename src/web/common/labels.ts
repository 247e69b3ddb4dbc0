import type { TFunction } from 'i18next';

/** A code from the API in words (data types, statuses, facets), or the code when none is known. */
export function label(t: TFunction, group: string, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  const key = `codes.${group}.${code}`;
  const text = t(key);
  return text === key ? code : text;
}
