import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { tap } from '../../platform/storage/tap.js';
import { BrokenFileError } from './encoding.js';

/** How long reading may go without a byte or a row before the workbook is called damaged. */
const STALL_MS = 15_000;
const END_OF_DIRECTORY = 0x06054b50;

/**
 * A zip archive ends with its directory; a file cut short (an interrupted copy) has none. ExcelJS
 * would wait for the rest forever, so this is checked first, from the last 64 KB.
 */
async function assertWholeZip(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const length = Math.min(size, 65_557);
    const tail = Buffer.alloc(length);
    await fh.read(tail, 0, length, size - length);
    for (let i = length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) !== END_OF_DIRECTORY) continue;
      const directorySize = tail.readUInt32LE(i + 12);
      const directoryOffset = tail.readUInt32LE(i + 16);
      // 0xFFFFFFFF: a zip64 archive, whose real figures are elsewhere; ExcelJS reads those.
      if (directoryOffset === 0xffffffff || directoryOffset + directorySize <= size - length + i)
        return;
    }
  } finally {
    await fh.close();
  }
  throw new BrokenFileError(
    'The workbook is cut short: its zip directory is missing. Upload the whole .xlsx file again.',
    '통합 문서가 중간에 잘렸습니다 (zip 목록이 없음). .xlsx 파일 전체를 다시 올려 주세요.',
  );
}

/** One cell as CSV text: dates as `YYYY-MM-DD HH:MM:SS`, formulas by their result, errors empty. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      formula?: string;
      text?: unknown;
      error?: string;
    };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return '';
    if ('formula' in v || 'result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    return '';
  }
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes the first worksheet of an XLSX workbook to `target` as UTF-8 CSV, row by row with
 * ExcelJS's streaming reader: the workbook is never all in memory (only its shared strings, as
 * Excel itself keeps them). Rows shorter than the header, which Excel stores without their empty
 * trailing cells, are filled out to the header's width. A file that is not a readable workbook
 * (cut short, damaged, not a workbook at all), or whose first sheet is empty, is a BrokenFileError
 * that says so; it never leaves the quality job waiting.
 */
export async function workbookToCsv(
  file: string,
  target: string,
  stallMs = STALL_MS,
): Promise<{ rows: number }> {
  await assertWholeZip(file);
  const { default: ExcelJS } = await import('exceljs');
  const source = createReadStream(file);
  const out = createWriteStream(target);
  // Damaged compressed data makes ExcelJS's reader wait forever (it never sees the inflate error):
  // a read that goes `stallMs` without a byte or a row is stopped, and the file called damaged.
  let lastProgress = Date.now();
  const input = source.pipe(tap(() => (lastProgress = Date.now())));
  let stalled!: (err: Error) => void;
  const stall = new Promise<never>((_, reject) => (stalled = reject));
  const watchdog = setInterval(
    () => {
      if (Date.now() - lastProgress < stallMs) return;
      source.destroy();
      stalled(new Error('its compressed data is damaged part-way.'));
    },
    Math.min(1000, stallMs / 4),
  );
  // A failed write (a full disk) is kept here, not thrown as an unheard 'error' event.
  let outError: Error | undefined;
  out.on('error', (err) => (outError ??= err));
  let stopped = false;
  const write = async (line: string) => {
    if (outError) throw outError;
    if (stopped) throw new Error('stopped'); // the reader may hand over rows after a stall
    if (!out.write(line)) await once(out, 'drain');
  };
  let rows = 0;
  const read = async () => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // a number is a date only by its cell's format
      hyperlinks: 'ignore',
    });
    let width = 0;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based and sparse: [ , A, B, …]
        const values = (row.values as unknown[]).slice(1);
        if (rows === 0) width = values.length;
        const cells = Array.from({ length: Math.max(width, values.length) }, (_, i) =>
          cellText(values[i]),
        );
        await write(`${cells.join(',')}\n`);
        rows++;
        lastProgress = Date.now();
      }
      break; // the first worksheet is the table
    }
  };
  try {
    await Promise.race([read(), stall]);
  } catch (err) {
    stopped = true;
    out.destroy();
    throw new BrokenFileError(
      `The workbook could not be read: ${(err as Error).message?.split('\n')[0] ?? err}`,
      `통합 문서를 읽을 수 없습니다: ${(err as Error).message?.split('\n')[0] ?? err}`,
    );
  } finally {
    clearInterval(watchdog);
    source.destroy(); // the sheets after the first are not read
  }
  out.end();
  await finished(out);
  if (rows === 0)
    throw new BrokenFileError(
      'The first worksheet of the workbook is empty.',
      '통합 문서의 첫 번째 워크시트가 비어 있습니다.',
    );
  return { rows };
}
