/** Escapes LIKE's wildcards so user text matches itself (`50%` finds "50%", not "50 anything"). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
