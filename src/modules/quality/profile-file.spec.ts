import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { datasetsDir } from '../../../test/support/datasets.js';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { profileFile } from './profile-file.js';
import { TableProfiler } from './profiler.js';
import { workbookToCsv } from './workbook.js';

const DATASETS = datasetsDir();

describe('profiling real files', () => {
  let dir: string;
  let profiler: TableProfiler;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-profile-'));
    profiler = await TableProfiler.open(dir);
  });
  afterAll(async () => {
    profiler.close();
    await rm(dir, { recursive: true, force: true });
  });

  const local = async (src: string, name = path.basename(src)) => {
    const target = path.join(
      dir,
      `${Math.random().toString(36).slice(2)}-${name.normalize('NFC')}`,
    );
    await copyFile(src, target);
    return target;
  };
  const run = async (localPath: string, name: string, extra: object = {}) =>
    profileFile(profiler, { fileId: 'f', name, localPath, ...extra });

  it('KAMP melting tank: 10,000 rows, timestamps like 2020/03/04 0:00, ten rows a minute', async () => {
    const previewPath = path.join(dir, 'kamp-preview.csv');
    const r = await run(
      await local(path.join(DATASETS, 'kamp-melting-tank/melting_tank.csv')),
      'melting_tank.csv',
      { previewPath },
    );
    expect(r).toMatchObject({
      kind: 'table',
      format: 'csv',
      encoding: 'UTF-8',
      delimiter: ',',
      header: true,
      rows: 10_000,
      error: null,
    });
    expect(r.columns.map((c) => c.name)).toEqual([
      'STD_DT',
      'NUM',
      'MELT_TEMP',
      'MOTORSPEED',
      'MELT_WEIGHT',
      'INSP',
      'TAG',
    ]);
    expect(r.timeSeries).toMatchObject({
      column: 'STD_DT',
      first: '2020-03-04T00:00:00.000Z',
      outOfOrder: 0,
      medianIntervalSeconds: 60,
    });
    expect(r.timeSeries!.repeated).toBeGreaterThan(8_000);
    const temp = r.columns.find((c) => c.name === 'MELT_TEMP')!;
    expect(temp).toMatchObject({ missing: 0 });
    expect(typeof temp.mean).toBe('number');
    expect(r.score!.score).toBeGreaterThan(90);
    const preview = (await readFile(previewPath, 'utf8')).trim().split('\n');
    expect(preview).toHaveLength(21);
    expect(preview[0]).toBe('STD_DT,NUM,MELT_TEMP,MOTORSPEED,MELT_WEIGHT,INSP,TAG');
  });

  it('TSID stamping press: the byte-order mark is gone from the first column name', async () => {
    const r = await run(
      await local(path.join(DATASETS, 'tsid-stamping-press/data.csv')),
      'data.csv',
    );
    expect(r).toMatchObject({ encoding: 'UTF-8 with BOM', rows: 39, error: null });
    expect(r.columns[0].name).toBe('Pressure Limit');
  });

  it('TSID conveyor belt: CP949 Korean headers become readable UTF-8', async () => {
    const r = await run(
      await local(path.join(DATASETS, 'tsid-conveyor-belt/a diagonal cut.csv')),
      'a diagonal cut.csv',
    );
    expect(r).toMatchObject({ encoding: 'CP949', rows: 900, error: null });
    expect(r.columns.map((c) => c.name)).toEqual([
      '3상유도전동기',
      '벨트처짐',
      '소음',
      '진동',
      '속도',
    ]);
  });

  it('finds spellings that differ only in case or spaces, and values outside a declared schema', async () => {
    const file = path.join(dir, 'inspect.csv');
    await writeFile(
      file,
      // v and n are also the profiler's own SQL aliases: a column may be called that.
      'v,temp,result,n\n1,20.5,OK,1\n2,21.0,ok,1\n3,19.5,OK,1\n4,250,Ok ,1\n5,,NG,1\n5,,NG,1\n',
    );
    const r = await run(file, 'inspect.csv', {
      schema: [
        { name: 'temp', type: 'number', min: 0, max: 100 },
        { name: 'result', allowed: ['OK', 'NG'] },
        { name: 'line', type: 'string' },
      ],
    });
    expect(r.spellingVariants).toEqual([
      { column: 'result', spellings: ['OK', 'Ok ', 'ok'], rows: 2 },
    ]);
    expect(r.duplicateRows).toBe(1);
    expect(r.columns.find((c) => c.name === 'temp')).toMatchObject({ missing: 2, invalid: 1 });
    expect(r.columns.find((c) => c.name === 'result')).toMatchObject({ invalid: 2 });
    expect(r.schemaProblems).toContain('declared column "line" is not in the file');
  });

  it('counts rows out of order, repeated timestamps and duplicate rows in file order', async () => {
    // 300,000 rows a second apart; at ten places a row repeats the one ten rows before it: out of
    // order, a repeated time, a duplicate row. (bench:quality's 2 GB file, read by DuckDB's threads
    // in parts, is in order and reports 0 out of order.)
    const file = path.join(dir, 'order.csv');
    const start = Date.parse('2026-01-01T00:00:00Z');
    const lines = ['ts,v'];
    for (let i = 0; i < 300_000; i++) {
      const n = i % 30_000 === 15_000 ? i - 10 : i;
      lines.push(
        `${new Date(start + n * 1000).toISOString().slice(0, 19).replace('T', ' ')},${n % 1000}`,
      );
    }
    await writeFile(file, `${lines.join('\n')}\n`);
    const r = await run(file, 'order.csv');
    expect(r).toMatchObject({ rows: 300_000, duplicateRows: 10, error: null });
    expect(r.timeSeries).toMatchObject({
      outOfOrder: 10,
      repeated: 10,
      medianIntervalSeconds: 1,
      first: '2026-01-01T00:00:00.000Z',
    });
  });

  it('a table in order gives the same figures, read as it streams, as the same rows shuffled', async () => {
    // In file order: a running number, a clock with repeats and a gap, a countdown, a rising
    // column whose missing values hide drops, and one that rises through the first rows (those
    // that pick the columns to compare) and drops later. Shuffled, every figure comes from the
    // full path: distinct values hashed, moments sorted.
    const start = Date.parse('2026-01-01T00:00:00Z');
    const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    const rows: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const seconds = Math.floor(i / 3) * 10 + (i >= 12_000 ? 3_600 : 0);
      const hidden = i % 1000 === 999 ? '' : String(i % 1000 === 0 ? i - 50 : i);
      rows.push(
        `${i},${stamp(start + seconds * 1000)},${5000 - Math.floor(i / 7)},${hidden},${i % 13},${i < 15_000 ? i : i - 10_000}`,
      );
    }
    const header = 'id,ts,countdown,rising,v,late';
    const ordered = path.join(dir, 'ordered.csv');
    await writeFile(ordered, `${header}\n${rows.join('\n')}\n`);
    const shuffled = path.join(dir, 'shuffled.csv');
    const mixed = rows.map((r, i) => ({ r, k: (i * 7919) % 20_011 })).sort((a, b) => a.k - b.k);
    await writeFile(shuffled, `${header}\n${mixed.map((m) => m.r).join('\n')}\n`);

    const a = await run(ordered, 'ordered.csv');
    const b = await run(shuffled, 'shuffled.csv');
    const figures = (r: typeof a) => ({
      columns: r.columns.map((c) => [c.name, c.distinct, c.missing]),
      duplicateRows: r.duplicateRows,
      repeated: r.timeSeries?.repeated,
      median: r.timeSeries?.medianIntervalSeconds,
      gaps: r.timeSeries?.gaps,
      largest: r.timeSeries?.largestGapSeconds,
    });
    expect(figures(a)).toEqual(figures(b));
    expect(figures(a)).toMatchObject({
      duplicateRows: 0,
      repeated: 20_000 - 6_667,
      median: 10,
      gaps: 1,
      largest: 3_610,
    });
    expect(a.columns.map((c) => c.distinct)).toEqual([20_000, 6_667, 2_858, 19_961, 13, 15_000]);
    expect(a.timeSeries!.outOfOrder).toBe(0);
    expect(b.timeSeries!.outOfOrder).toBeGreaterThan(0);

    // Missing stamps hide a step back in time: three distinct moments, none repeated.
    const gappy = path.join(dir, 'gappy.csv');
    await writeFile(
      gappy,
      'ts,v\n2026-01-01 10:00:00,1\n,2\n2026-01-01 09:00:00,3\n2026-01-01 11:00:00,4\n',
    );
    const g = await run(gappy, 'gappy.csv');
    expect(g.timeSeries).toMatchObject({ outOfOrder: 0, repeated: 0 });
    expect(g.columns[0]).toMatchObject({ distinct: 3, missing: 1 });
  });

  it('reads TSV, JSON Lines and CP949 text written here', async () => {
    const tsv = path.join(dir, 'a.tsv');
    await writeFile(tsv, 'a\tb\n1\t2\n3\t4\n');
    expect(await run(tsv, 'a.tsv')).toMatchObject({
      format: 'tsv',
      delimiter: '\t',
      rows: 2,
      error: null,
    });
    const jsonl = path.join(dir, 'a.jsonl');
    await writeFile(
      jsonl,
      '{"t":"2024-01-01 00:00:00","v":1}\n{"t":"2024-01-01 00:01:00","v":2}\n',
    );
    expect(await run(jsonl, 'a.jsonl')).toMatchObject({ format: 'jsonl', rows: 2, error: null });
    const korean = path.join(dir, 'k.csv');
    await writeFile(korean, iconv.encode('설비,온도\n프레스1,20\n프레스2,21\n', 'cp949'));
    const k = await run(korean, 'k.csv');
    expect(k).toMatchObject({ encoding: 'CP949', error: null });
    expect(k.columns.map((c) => c.name)).toEqual(['설비', '온도']);
  });

  it('reports broken files instead of failing: binary data named .csv, ragged rows, empty files, header only', async () => {
    const binary = path.join(dir, 'bin.csv');
    await writeFile(binary, Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 10, 0]));
    expect((await run(binary, 'bin.csv')).error).toMatch(/binary data/);
    const ragged = path.join(dir, 'ragged.csv');
    await writeFile(ragged, 'a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n');
    const raggedReport = await run(ragged, 'ragged.csv');
    expect(raggedReport.error).toMatch(/Ragged rows|could not be read/);
    // The owner reads it in Korean too.
    expect(raggedReport.errorKo).toMatch(/열 수가 다릅니다|표를 읽을 수 없습니다/);
    const empty = path.join(dir, 'empty.csv');
    await writeFile(empty, '');
    expect(await run(empty, 'empty.csv')).toMatchObject({
      kind: 'empty',
      error: 'The file is empty (0 bytes).',
      errorKo: '파일이 비어 있습니다 (0바이트).',
    });
    const blank = path.join(dir, 'blank.csv');
    await writeFile(blank, '\n\n  \n');
    expect(await run(blank, 'blank.csv')).toMatchObject({
      error: expect.stringMatching(/no text/),
      errorKo: '파일에 공백 외의 내용이 없습니다.',
    });
    const png = path.join(dir, 'photo.csv');
    await writeFile(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    expect(await run(png, 'photo.csv')).toMatchObject({
      kind: 'other',
      mediaType: 'image/png',
      error: null,
    });
  });

  describe('the KAMP file converted to Parquet, JSON Lines and XLSX', () => {
    const kamp = path.join(DATASETS, 'kamp-melting-tank/melting_tank.csv');
    /** What a report says about the table, without what depends on the file's format. */
    const gist = (r: Awaited<ReturnType<typeof run>>) => ({
      error: r.error,
      rows: r.rows,
      columns: r.columns.map((c) => ({ name: c.name, missing: c.missing, distinct: c.distinct })),
      duplicateRows: r.duplicateRows,
      timeSeries: r.timeSeries && {
        column: r.timeSeries.column,
        first: r.timeSeries.first,
        last: r.timeSeries.last,
        outOfOrder: r.timeSeries.outOfOrder,
        repeated: r.timeSeries.repeated,
        medianIntervalSeconds: r.timeSeries.medianIntervalSeconds,
      },
      score: r.score?.score,
    });
    let fromCsv: ReturnType<typeof gist>;
    beforeAll(async () => {
      fromCsv = gist(await run(await local(kamp), 'melting_tank.csv'));
      // Parquet and JSON Lines written by DuckDB from the CSV, its timestamps as real timestamps.
      const duck = await DuckDBInstance.create(':memory:');
      const db = await duck.connect();
      const table = `SELECT strptime(STD_DT, '%Y/%m/%d %-H:%M') AS STD_DT, * EXCLUDE (STD_DT) FROM read_csv('${kamp}', all_varchar = false, types = {'STD_DT': 'VARCHAR'})`;
      await db.run(`COPY (${table}) TO '${path.join(dir, 'kamp.parquet')}' (FORMAT parquet)`);
      await db.run(`COPY (${table}) TO '${path.join(dir, 'kamp.jsonl')}' (FORMAT json)`);
      db.closeSync();
      duck.closeSync();
      // XLSX written as Excel does: the times as date cells, the measures as numbers.
      const lines = (await readFile(kamp, 'utf8')).trim().split(/\r?\n/);
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: path.join(dir, 'kamp.xlsx'),
        useStyles: true,
      });
      const sheet = book.addWorksheet('melting_tank');
      sheet.getColumn(1).numFmt = 'yyyy-mm-dd hh:mm';
      sheet.addRow(lines[0].split(',')).commit();
      for (const line of lines.slice(1)) {
        const [at, ...rest] = line.split(',');
        const [d, t] = at.split(' ');
        const [y, mo, da] = d.split('/').map(Number);
        const [h, mi] = t.split(':').map(Number);
        const cells = rest.map((v) => (v === '' ? null : /^-?[\d.]+$/.test(v) ? Number(v) : v));
        sheet.addRow([new Date(Date.UTC(y, mo - 1, da, h, mi)), ...cells]).commit();
      }
      sheet.commit();
      await book.commit();
    });

    it('gives each the same report as the CSV: rows, columns, missing values, duplicates, time order and score', async () => {
      expect(fromCsv.rows).toBe(10_000);
      expect(fromCsv.timeSeries?.column).toBe('STD_DT');
      for (const [name, format] of [
        ['kamp.parquet', 'parquet'],
        ['kamp.jsonl', 'jsonl'],
        ['kamp.xlsx', 'xlsx'],
      ]) {
        const r = await run(path.join(dir, name), name);
        expect({ format: r.format, kind: r.kind }).toEqual({ format, kind: 'table' });
        expect(gist(r)).toEqual(fromCsv);
        expect(r.columns.find((c) => c.name === 'STD_DT')!.type).toMatch(/^TIMESTAMP/);
      }
    });

    it('a workbook or a Parquet file that cannot be read gets a report that says why', async () => {
      const xlsx = await readFile(path.join(dir, 'kamp.xlsx'));
      const cut = path.join(dir, 'cut.xlsx');
      await writeFile(cut, xlsx.subarray(0, Math.floor(xlsx.length / 2)));
      expect(await run(cut, 'cut.xlsx')).toMatchObject({
        kind: 'table',
        format: 'xlsx',
        error: expect.stringMatching(/^The workbook is cut short/),
        errorKo: expect.stringMatching(/^통합 문서가 중간에 잘렸습니다/),
      });
      // Damaged compressed data in the worksheet, on which ExcelJS's reader alone waits forever
      // (it stores a sheet that comes before the workbook's own part, and misses the inflate
      // error there); and damaged data the reader does notice.
      const damage = async (name: string, at: number) => {
        const bytes = Buffer.from(xlsx);
        for (let i = 0; i < 50; i++) bytes[at + i] ^= 0xff;
        await writeFile(path.join(dir, name), bytes);
        return workbookToCsv(path.join(dir, name), path.join(dir, `${name}.csv`), 300);
      };
      const sheet = xlsx.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
      expect(sheet).toBeLessThan(xlsx.indexOf('xl/workbook.xml'));
      await expect(damage('stalled.xlsx', sheet + 600)).rejects.toThrow(
        'The workbook could not be read: its compressed data is damaged part-way.',
      );
      await expect(damage('damaged.xlsx', Math.floor(xlsx.length / 3))).rejects.toThrow(
        /^The workbook could not be read: /,
      );
      const blank = path.join(dir, 'blank.xlsx');
      const book = new ExcelJS.Workbook();
      book.addWorksheet('empty');
      await book.xlsx.writeFile(blank);
      expect((await run(blank, 'blank.xlsx')).error).toBe(
        'The first worksheet of the workbook is empty.',
      );
      const parquet = await readFile(path.join(dir, 'kamp.parquet'));
      const torn = path.join(dir, 'torn.parquet');
      await writeFile(torn, parquet.subarray(0, 200));
      expect((await run(torn, 'torn.parquet')).error).toMatch(/^The table could not be read: /);
      // A zip archive that is not named as a workbook stays an archive.
      expect(await run(cut, 'cut.zip')).toMatchObject({
        kind: 'other',
        mediaType: 'application/zip',
      });
    });
  });
});
