import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BrokenFileError, readHead, toUtf8 } from './encoding.js';
import { fileKind, looksBinary } from './file-kind.js';
import type { TableProfiler } from './profiler.js';
import type { DeclaredColumn, FileReport } from './report.types.js';
import { scoreTable } from './scoring.js';
import { workbookToCsv } from './workbook.js';

/** The report of a file before anything is known of it but its name and size. */
export function emptyReport(fileId: string, name: string, sizeBytes: number): FileReport {
  return {
    fileId,
    name,
    sizeBytes,
    kind: 'other',
    format: null,
    mediaType: null,
    encoding: null,
    delimiter: null,
    header: null,
    rows: null,
    columns: [],
    duplicateRows: null,
    timeSeries: null,
    spellingVariants: [],
    schemaProblems: [],
    score: null,
    error: null,
    previewKey: null,
  };
}

/**
 * Measures one local file: its kind by its first bytes, its encoding, then (for tables) DuckDB's
 * profile and the score. A file that cannot be read gets `error` set and is never thrown past here.
 * `previewPath`, when given, receives the first rows as UTF-8 CSV.
 */
export async function profileFile(
  profiler: TableProfiler,
  file: {
    fileId: string;
    name: string;
    localPath: string;
    schema?: DeclaredColumn[];
    previewPath?: string;
  },
): Promise<FileReport & { previewWritten: boolean }> {
  const sizeBytes = (await stat(file.localPath)).size;
  const report = emptyReport(file.fileId, file.name, sizeBytes);
  const head = await readHead(file.localPath, 4096);
  const kind = fileKind(file.name, head, sizeBytes);
  if (kind.kind === 'empty')
    return {
      ...report,
      kind: 'empty',
      error: 'The file is empty (0 bytes).',
      previewWritten: false,
    };
  if (kind.kind === 'other') return { ...report, mediaType: kind.mediaType, previewWritten: false };

  report.kind = 'table';
  report.format = kind.format;
  try {
    let readable = file.localPath;
    const format = kind.format === 'xlsx' ? 'csv' : kind.format;
    if (kind.format === 'xlsx') {
      // Its first worksheet, streamed to CSV, then measured as any CSV is.
      readable = `${file.localPath}.csv`;
      await workbookToCsv(file.localPath, readable);
    } else if (kind.format !== 'parquet') {
      if (looksBinary(head))
        throw new BrokenFileError(
          `The file is named like a ${kind.format.toUpperCase()} table but holds binary data.`,
        );
      const text = await toUtf8(
        file.localPath,
        path.join(path.dirname(file.localPath), `${path.basename(file.localPath)}.utf8`),
      );
      report.encoding = text.encoding;
      readable = text.path;
      if (
        (await stat(readable)).size === 0 ||
        (await readHead(readable, 4096)).toString('utf8').trim() === ''
      )
        throw new BrokenFileError('The file holds no text but white space.');
    }
    const profile = await profiler.profile(readable, format, file.schema);
    Object.assign(report, profile);
    if (kind.format === 'xlsx') report.delimiter = null; // the CSV's, not the workbook's
    report.score = scoreTable(profile);
    if (file.previewPath) await profiler.preview(file.previewPath);
    return { ...report, previewWritten: Boolean(file.previewPath) };
  } catch (err) {
    if (!(err instanceof BrokenFileError)) throw err;
    return { ...report, error: err.message, previewWritten: false };
  }
}
