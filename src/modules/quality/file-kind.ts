/** What a file is, judged by its first bytes (and, for text tables, its name). */
export type FileKind =
  | { kind: 'table'; format: 'csv' | 'tsv' | 'jsonl' | 'parquet' | 'xlsx' }
  | { kind: 'other'; mediaType: string }
  | { kind: 'empty' };

const SIGNATURES: { bytes: number[]; offset?: number; mediaType: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], mediaType: 'image/png' },
  { bytes: [0xff, 0xd8, 0xff], mediaType: 'image/jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38], mediaType: 'image/gif' },
  { bytes: [0x42, 0x4d], mediaType: 'image/bmp' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], mediaType: 'image/tiff' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], mediaType: 'image/tiff' },
  { bytes: [0x52, 0x49, 0x46, 0x46], mediaType: 'audio/wav' },
  { bytes: [0x25, 0x50, 0x44, 0x46], mediaType: 'application/pdf' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], mediaType: 'application/zip' },
  { bytes: [0x1f, 0x8b], mediaType: 'application/gzip' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], mediaType: 'application/x-7z-compressed' },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, mediaType: 'application/x-tar' },
  { bytes: [0x89, 0x48, 0x44, 0x46], mediaType: 'application/x-hdf5' },
];

const TABLE_EXTENSIONS: Record<string, 'csv' | 'tsv' | 'jsonl'> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

function matches(head: Buffer, sig: { bytes: number[]; offset?: number }): boolean {
  const at = sig.offset ?? 0;
  return head.length >= at + sig.bytes.length && sig.bytes.every((b, i) => head[at + i] === b);
}

/** True when the bytes look like binary data rather than text (NUL bytes or many control characters). */
export function looksBinary(head: Buffer): boolean {
  if (head.includes(0)) return true;
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  return head.length > 0 && control / head.length > 0.1;
}

/**
 * `head` is the first 512 bytes or more. Parquet and the known binary formats are told by their
 * signatures whatever the name says; text tables by their extension, and a workbook by both (a zip
 * archive named .xlsx or .xlsm).
 */
export function fileKind(name: string, head: Buffer, sizeBytes: number): FileKind {
  if (sizeBytes === 0) return { kind: 'empty' };
  if (matches(head, { bytes: [0x50, 0x41, 0x52, 0x31] }))
    return { kind: 'table', format: 'parquet' };
  const ext = name.toLowerCase().split('.').pop() ?? '';
  // A workbook is a zip archive; named as one, it is read as a table (its first worksheet).
  if (matches(head, { bytes: [0x50, 0x4b, 0x03, 0x04] }) && (ext === 'xlsx' || ext === 'xlsm'))
    return { kind: 'table', format: 'xlsx' };
  const known = SIGNATURES.find((s) => matches(head, s));
  if (known) return { kind: 'other', mediaType: known.mediaType };
  const format = TABLE_EXTENSIONS[ext];
  if (format) return { kind: 'table', format };
  return {
    kind: 'other',
    mediaType: looksBinary(head) ? 'application/octet-stream' : 'text/plain',
  };
}
