import type { Response } from 'express';
import { DomainError } from '../errors/domain-error.js';

export interface Sheet {
  name: string;
  columns: { key: string; header: string }[];
  rows: Record<string, unknown>[];
}

/**
 * One CSV cell. Text that a spreadsheet would read as a formula (it starts with = + - @, a tab or
 * a carriage return) gets a leading apostrophe, as OWASP's CSV-injection guidance says; numbers
 * stay numbers, negative ones included.
 */
export const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const raw = v instanceof Date ? v.toISOString() : String(v);
  const isNumber = typeof v === 'number' || typeof v === 'bigint';
  const text = !isNumber && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const cell = csvCell;

/** Sheets as one CSV: a titled section each, Korean headers, UTF-8 with a byte-order mark so Excel reads it. */
export function toCsv(sheets: Sheet[]): Buffer {
  const sections = sheets.map((s) =>
    [
      cell(s.name),
      s.columns.map((c) => cell(c.header)).join(','),
      ...s.rows.map((r) => s.columns.map((c) => cell(r[c.key])).join(',')),
    ].join('\r\n'),
  );
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(sections.join('\r\n\r\n') + '\r\n', 'utf8'),
  ]);
}

/** Sheets as an Excel workbook, one worksheet each, numbers as numbers. */
export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  // Loaded when a workbook is asked for: a third of a second off every start of the service.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Manufacturing Data Exchange';
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name.slice(0, 31));
    ws.columns = s.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(12, c.header.length * 2 + 4),
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows)
      ws.addRow(
        Object.fromEntries(
          s.columns.map((c) => [c.key, typeof r[c.key] === 'bigint' ? Number(r[c.key]) : r[c.key]]),
        ),
      );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const FORMATS = ['json', 'csv', 'xlsx'];

/**
 * A report's answer in the format asked for: its JSON (the default), or its sheets as CSV or an
 * Excel workbook, sent as a file named `name`.
 */
export async function sendReport(
  res: Response,
  name: string,
  format: string | undefined,
  built: { report: object; sheets: Sheet[] },
) {
  const f = format ?? 'json';
  if (!FORMATS.includes(f))
    throw new DomainError('VALIDATION_FAILED', 'format must be json, csv or xlsx.', {
      messageKo: 'format은 json, csv, xlsx 중 하나여야 합니다.',
    });
  if (f === 'json') return built.report;
  const body = f === 'csv' ? toCsv(built.sheets) : await toXlsx(built.sheets);
  res.setHeader(
    'Content-Type',
    f === 'csv'
      ? 'text/csv; charset=utf-8'
      : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${f}"`);
  res.end(body);
}
