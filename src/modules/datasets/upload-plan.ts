const MiB = 1024 * 1024;
export const MIN_PART_BYTES = 5 * MiB;
export const PREFERRED_PART_BYTES = 8 * MiB;
export const MAX_PARTS = 10_000;

/**
 * How a file of `sizeBytes` is split for a multipart upload: parts of at least 5 MiB (S3's
 * minimum for every part but the last), at most 10,000 parts, whole MiB, 8 MiB when that fits.
 */
export function partPlan(sizeBytes: number): { partSizeBytes: number; partCount: number } {
  const needed = Math.ceil(sizeBytes / MAX_PARTS / MiB) * MiB;
  const partSizeBytes = Math.max(PREFERRED_PART_BYTES, MIN_PART_BYTES, needed);
  return { partSizeBytes, partCount: Math.max(1, Math.ceil(sizeBytes / partSizeBytes)) };
}

/** Why a file name cannot be used, or undefined. Names are compared after NFC normalisation. */
export function fileNameProblem(name: string): string | undefined {
  if (name.trim() !== name || name === '') return 'must not start or end with white space';
  if (name === '.' || name === '..') return 'must not be . or ..';
  if (/[/\\]/.test(name)) return 'must not contain / or \\';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not contain control characters';
  if (Buffer.byteLength(name, 'utf8') > 255) return 'must be at most 255 bytes in UTF-8';
  return undefined;
}
