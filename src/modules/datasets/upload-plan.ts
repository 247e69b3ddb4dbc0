const MiB = 1024 * 1024;
export const MIN_PART_BYTES = 5 * MiB;
export const PREFERRED_PART_BYTES = 8 * MiB;
export const MAX_PART_BYTES = 5 * 1024 * MiB;
export const MAX_PARTS = 10_000;

/**
 * How a file of `sizeBytes` is split for a multipart upload: parts of at least 5 MiB (S3's
 * minimum for every part but the last), at most 10,000 parts, whole MiB, 8 MiB when that fits.
 */
export function partPlan(sizeBytes: number): { partSizeBytes: number; partCount: number } {
  const needed = Math.ceil(sizeBytes / MAX_PARTS / MiB) * MiB;
  return chosenPlan(sizeBytes, Math.max(PREFERRED_PART_BYTES, MIN_PART_BYTES, needed));
}

/** The plan with a part size the uploader chose (checked by `partSizeProblem`). */
export function chosenPlan(sizeBytes: number, partSizeBytes: number) {
  return { partSizeBytes, partCount: Math.max(1, Math.ceil(sizeBytes / partSizeBytes)) };
}

/** Why a part size the uploader chose cannot split a file of `sizeBytes`, or undefined. */
export function partSizeProblem(sizeBytes: number, partSizeBytes: number): string | undefined {
  if (partSizeBytes % MiB) return 'must be a whole number of MiB (a multiple of 1048576)';
  if (partSizeBytes < MIN_PART_BYTES || partSizeBytes > MAX_PART_BYTES)
    return 'must be from 5 MiB to 5 GiB';
  if (chosenPlan(sizeBytes, partSizeBytes).partCount > MAX_PARTS)
    return `splits this file into more than ${MAX_PARTS} parts; choose larger parts`;
  return undefined;
}

/** The length of part `n` (from 1) of a file of `sizeBytes` in parts of `partSizeBytes`. */
export function partLength(sizeBytes: number, partSizeBytes: number, n: number): number {
  return Math.max(0, Math.min(partSizeBytes, sizeBytes - (n - 1) * partSizeBytes));
}

/**
 * Why a file name cannot be used, or undefined. Names are compared after NFC normalisation.
 * Invisible and control characters are refused: a bidi override (U+202E) or a zero-width space
 * makes a download name read as something else (`invoice\u202Efdp.exe` shows as `invoiceexe.pdf`).
 */
export function fileNameProblem(name: string): string | undefined {
  if (name.trim() !== name || name === '') return 'must not start or end with white space';
  if (name === '.' || name === '..') return 'must not be . or ..';
  if (/[/\\]/.test(name)) return 'must not contain / or \\';
  // Cc: C0 and C1 controls (U+0085 among them); Cf: bidi controls, zero-width characters, BOM;
  // Zl, Zp: line and paragraph separators.
  const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.exec(name);
  if (hidden)
    return `must not contain invisible or control characters (U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  if (Buffer.byteLength(name, 'utf8') > 255) return 'must be at most 255 bytes in UTF-8';
  return undefined;
}
