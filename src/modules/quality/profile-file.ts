import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  bomButNotUtf8,
  BrokenFileError,
  fromCp949,
  NotUtf8Error,
  readHead,
  startsWithBom,
  toUtf8,
} from './encoding.js';
import { fileKind, looksBinary } from './file-kind.js';
import type { ProfileProgress, TableProfiler } from './profiler.js';
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
    onProgress?: ProfileProgress;
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
      errorKo: '파일이 비어 있습니다 (0바이트).',
      previewWritten: false,
    };
  if (kind.kind === 'other') return { ...report, mediaType: kind.mediaType, previewWritten: false };

  report.kind = 'table';
  report.format = kind.format;
  try {
    let readable = file.localPath;
    const format = kind.format === 'xlsx' ? 'csv' : kind.format;
    const utf8Path = path.join(
      path.dirname(file.localPath),
      `${path.basename(file.localPath)}.utf8`,
    );
    const notBlank = async (text: string) => {
      if (
        (await stat(text)).size === 0 ||
        (await readHead(text, 4096)).toString('utf8').trim() === ''
      )
        throw new BrokenFileError(
          'The file holds no text but white space.',
          '파일에 공백 외의 내용이 없습니다.',
        );
    };
    if (kind.format === 'xlsx') {
      // Its first worksheet, streamed to CSV, then measured as any CSV is.
      readable = `${file.localPath}.csv`;
      await workbookToCsv(file.localPath, readable);
    } else if (kind.format !== 'parquet') {
      if (looksBinary(head))
        throw new BrokenFileError(
          `The file is named like a ${kind.format.toUpperCase()} table but holds binary data.`,
          `파일 이름은 ${kind.format.toUpperCase()} 표인데 내용은 바이너리 데이터입니다.`,
        );
      if (kind.format === 'jsonl') {
        const text = await toUtf8(file.localPath, utf8Path);
        report.encoding = text.encoding;
        readable = text.path;
      } else {
        // DuckDB reads UTF-8 CSV (a byte-order mark too) as it is, and says when it meets bytes
        // that are not UTF-8: only then is the file transcoded from CP949. No pass of its own.
        report.encoding = startsWithBom(head) ? 'UTF-8 with BOM' : 'UTF-8';
      }
      await notBlank(readable);
    }
    const profile = await profiler
      .profile(readable, format, file.schema, file.onProgress)
      .catch(async (err: unknown) => {
        if (!(err instanceof NotUtf8Error) || readable !== file.localPath) throw err;
        if (report.encoding === 'UTF-8 with BOM') throw bomButNotUtf8();
        const text = await fromCp949(file.localPath, utf8Path);
        report.encoding = text.encoding;
        readable = text.path;
        return profiler.profile(readable, format, file.schema, file.onProgress);
      });
    Object.assign(report, profile);
    if (kind.format === 'xlsx') report.delimiter = null; // the CSV's, not the workbook's
    report.score = scoreTable(profile);
    if (file.previewPath) await profiler.preview(file.previewPath);
    return { ...report, previewWritten: Boolean(file.previewPath) };
  } catch (err) {
    if (!(err instanceof BrokenFileError)) throw err;
    return { ...report, error: err.message, errorKo: err.messageKo, previewWritten: false };
  }
}
