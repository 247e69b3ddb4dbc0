import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { findRaggedLine, guessDelimiter } from './csv-shape.js';
import { BrokenFileError, NotUtf8Error, readHead } from './encoding.js';
import type {
  ColumnProfile,
  DeclaredColumn,
  SpellingVariant,
  TimeSeriesProfile,
} from './report.types.js';

/** Text timestamp formats tried on text columns, Korean plant exports first (`2020/03/04 0:00`). */
const TIMESTAMP_FORMATS = [
  '%Y/%m/%d %-H:%M',
  '%Y/%m/%d %-H:%M:%S',
  '%Y-%m-%d %-H:%M',
  '%Y-%m-%d %-H:%M:%S',
  '%Y.%m.%d %-H:%M',
  '%Y.%m.%d %-H:%M:%S',
  '%Y%m%d%H%M%S',
  '%Y-%m-%dT%H:%M:%S',
  '%m/%d/%Y %-H:%M',
  '%m/%d/%Y %-H:%M:%S',
];
const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const TEMPORAL = /^(DATE|TIMESTAMP.*|TIME)$/;
/** Types whose values are compared with the row before them, to find the columns in order. */
const ORDERABLE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|DECIMAL.*|DATE|TIMESTAMP.*)$/;
/** The rows that pick which of them are compared through the whole table. */
const ORDER_SAMPLE = 10_000;

export interface TableProfile {
  delimiter: string | null;
  header: boolean | null;
  rows: number;
  columns: ColumnProfile[];
  duplicateRows: number;
  timeSeries: TimeSeriesProfile | null;
  spellingVariants: SpellingVariant[];
  schemaProblems: string[];
}

async function firstLine(file: string): Promise<string> {
  const text = (await readHead(file, 65_536)).toString('utf8');
  return text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function plain(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A row with more or fewer columns than the header; `line` when it is known. */
function raggedRows(
  line: string | number | null,
  found: string | number,
  expected: string | number,
) {
  return new BrokenFileError(
    `Ragged rows: ${line ? `line ${line}` : 'a row'} has ${found} columns where the header has ${expected}.`,
    `행마다 열 수가 다릅니다: ${line ? `${line}번째 줄` : '한 행'}의 열이 ${found}개인데 머리글은 ${expected}개입니다.`,
  );
}

/** Turns DuckDB's reader errors into sentences a data owner can act on. */
function readError(err: unknown): BrokenFileError {
  const message = (err as Error).message ?? String(err);
  const ragged = /Expected Number of Columns: (\d+) Found: (\d+)/i.exec(message);
  const line = /Line: (\d+)/i.exec(message) ?? /line (\d+)/i.exec(message);
  if (ragged) return raggedRows(line?.[1] ?? null, ragged[2], ragged[1]);
  if (/Invalid unicode/i.test(message))
    return new NotUtf8Error(
      'The file holds bytes that are not UTF-8.',
      '파일에 UTF-8이 아닌 바이트가 있습니다.',
    );
  const first = message.split('\n')[0].replace(/^[A-Za-z ]+Error: /, '');
  return new BrokenFileError(
    `The table could not be read: ${first}`,
    `표를 읽을 수 없습니다: ${first}`,
  );
}

/** Where the profile of one file is: reading it into DuckDB, or measuring it; `fraction` 0-1. */
export type ProfileProgress = (step: 'read' | 'measure', fraction: number) => void;

/**
 * Profiles one table file with DuckDB: loads it, then measures columns, duplicates, time order,
 * spellings and the declared schema in a handful of set-based queries. The table lives in a
 * DuckDB database file in the job's work directory, not in memory: DuckDB compresses it there and
 * keeps within `memoryLimit`, so a file of gigabytes holds the service's memory flat.
 */
export class TableProfiler {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
  ) {}

  static async open(workDir: string, memoryLimit = '400MB'): Promise<TableProfiler> {
    const extensions = path.join(workDir, 'duckdb-extensions');
    await mkdir(extensions, { recursive: true });
    // Loaded by the first quality job, not at every start of the service.
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(path.join(workDir, 'profile.duckdb'), {
      threads: '2',
      memory_limit: memoryLimit,
      extension_directory: extensions,
      temp_directory: path.join(workDir, 'duckdb-tmp'),
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
    });
    const db = await instance.connect();
    // Progress of the running query, read while a large file loads (never printed).
    await db.run('SET enable_progress_bar = true');
    await db.run('SET enable_progress_bar_print = false');
    return new TableProfiler(instance, db);
  }

  /** Runs a statement, telling `onProgress` how far DuckDB is every half second. */
  private async watched(sql: string, onProgress?: (fraction: number) => void): Promise<void> {
    const timer =
      onProgress &&
      setInterval(() => {
        const { percentage } = this.db.progress;
        if (percentage >= 0) onProgress(Math.min(1, percentage / 100));
      }, 500);
    try {
      await this.db.run(sql);
    } finally {
      clearInterval(timer);
    }
  }

  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }

  private async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  }

  /** Loads the table into DuckDB as `t`; a file it cannot read is a BrokenFileError. */
  private async load(
    file: string,
    format: 'csv' | 'tsv' | 'jsonl' | 'parquet',
    onProgress?: (fraction: number) => void,
  ): Promise<{ delimiter: string | null; header: boolean | null }> {
    await this.db.run('DROP TABLE IF EXISTS t');
    if (format === 'parquet' || format === 'jsonl') {
      const source =
        format === 'parquet'
          ? `read_parquet(${literal(file)})`
          : `read_json_auto(${literal(file)}, format = 'newline_delimited')`;
      try {
        await this.watched(`CREATE TABLE t AS SELECT * FROM ${source}`, onProgress);
      } catch (err) {
        throw readError(err);
      }
      return { delimiter: null, header: null };
    }
    // The delimiter comes from the header line; DuckDB's sniffer would fall back to one column on ragged rows.
    const first = await firstLine(file);
    const delimiter = format === 'tsv' ? '\t' : guessDelimiter(first);
    const source = (extra: string) =>
      `read_csv(${literal(file)}, auto_detect = true, strict_mode = true, delim = ${literal(delimiter)}${extra})`;
    try {
      await this.watched(`CREATE TABLE t AS SELECT * FROM ${source('')}`, onProgress);
    } catch (err) {
      if (/Invalid unicode/i.test((err as Error).message)) throw readError(err);
      const ragged = await findRaggedLine(file, delimiter);
      if (ragged) throw raggedRows(ragged.line, ragged.found, ragged.expected);
      // A type guessed from the first rows can fail further down; then let DuckDB look at every row.
      if (!/convert|cast/i.test((err as Error).message)) throw readError(err);
      try {
        await this.watched(
          `CREATE TABLE t AS SELECT * FROM ${source(', sample_size = -1')}`,
          onProgress,
        );
      } catch (again) {
        throw readError(again);
      }
    }
    const [sniff] = await this.rows(
      `SELECT HasHeader AS h FROM sniff_csv(${literal(file)}, delim = ${literal(delimiter)})`,
    ).catch(() => [{ h: null }]);
    return { delimiter, header: sniff.h === null ? null : Boolean(sniff.h) };
  }

  async profile(
    file: string,
    format: 'csv' | 'tsv' | 'jsonl' | 'parquet',
    schema: DeclaredColumn[] = [],
    onProgress?: ProfileProgress,
  ): Promise<TableProfile> {
    const { delimiter, header } = await this.load(
      file,
      format,
      onProgress && ((f) => onProgress('read', f)),
    );
    onProgress?.('measure', 0);
    const described = (await this.rows('DESCRIBE t')).map((r) => ({
      name: String(r.column_name),
      type: String(r.column_type),
    }));
    if (described.length === 0)
      throw new BrokenFileError('The file has no columns.', '파일에 열이 없습니다.');

    const ordered = await this.orderedDistincts(described);
    const aggregates = described.flatMap((c, i) => {
      const id = ident(c.name);
      const base = [`count(${id}) AS n${i}`];
      if (!ordered.has(i)) base.push(`count(DISTINCT ${id}) AS d${i}`);
      if (NUMERIC.test(c.type))
        base.push(`min(${id}) AS lo${i}`, `max(${id}) AS hi${i}`, `avg(${id}) AS mean${i}`);
      else if (TEMPORAL.test(c.type)) base.push(`min(${id}) AS lo${i}`, `max(${id}) AS hi${i}`);
      return base;
    });
    const [agg] = await this.rows(`SELECT count(*) AS total, ${aggregates.join(', ')} FROM t`);
    const rows = Number(agg.total);
    if (rows === 0)
      throw new BrokenFileError(
        'The table has a header but no rows.',
        '표에 머리글만 있고 행이 없습니다.',
      );
    const columns: ColumnProfile[] = described.map((c, i) => ({
      name: c.name,
      type: c.type,
      missing: rows - Number(agg[`n${i}`]),
      distinct: ordered.get(i) ?? Number(agg[`d${i}`]),
      min: plain(agg[`lo${i}`]),
      max: plain(agg[`hi${i}`]),
      mean: agg[`mean${i}`] === undefined ? null : (plain(agg[`mean${i}`]) as number | null),
      invalid: null,
    }));

    onProgress?.('measure', 0.4);
    const duplicateRows = await this.duplicateRows(columns, rows);
    onProgress?.('measure', 0.6);
    const timeSeries = await this.timeSeries(described);
    onProgress?.('measure', 0.8);
    const spellingVariants = await this.spellings(
      columns.filter(
        (c) => c.type === 'VARCHAR' && c.name !== timeSeries?.column && c.distinct <= 1000,
      ),
    );
    const schemaProblems = await this.checkSchema(columns, schema, rows);
    return {
      delimiter,
      header,
      rows,
      columns,
      duplicateRows,
      timeSeries,
      spellingVariants,
      schemaProblems,
    };
  }

  /**
   * The exact distinct counts of the columns in order, by column index. A column whose values
   * never go down from one row to the next in file order (or never go up), with none missing,
   * has one value more than it has changes; the changes are counted in one streaming pass over
   * the table, with no hash table of the values. A running number or a clock is such a column,
   * and its `count(DISTINCT)` is the costliest aggregate of a large table (at 45 million rows,
   * 2.6 s of the aggregates' 3.7 s, against 0.3 s for this pass). The first rows pick the
   * columns worth the pass, so a table with none in order pays for a few thousand rows.
   */
  private async orderedDistincts(
    described: { name: string; type: string }[],
  ): Promise<Map<number, number>> {
    const orderable = described
      .map((c, index) => ({ ...c, index }))
      .filter((c) => ORDERABLE.test(c.type));
    const inFirstRows = await this.inOrder(orderable, `(SELECT * FROM t LIMIT ${ORDER_SAMPLE})`);
    const throughout = await this.inOrder(
      inFirstRows.map((s) => s.column),
      't',
    );
    return new Map(throughout.map((c) => [c.column.index, c.changes + 1]));
  }

  /** The columns of `source` that never go down or never go up from row to row, none missing. */
  private async inOrder<C extends { name: string }>(
    columns: C[],
    source: string,
  ): Promise<{ column: C; changes: number }[]> {
    if (!columns.length) return [];
    const pairs = columns.map(
      (c, i) => `${ident(c.name)} AS c${i}, lag(${ident(c.name)}) OVER () AS p${i}`,
    );
    const counts = columns.map(
      (_, i) =>
        `count(c${i}) AS n${i}, count(*) FILTER (WHERE c${i} < p${i}) AS down${i}, count(*) FILTER (WHERE c${i} > p${i}) AS up${i}`,
    );
    const [r] = await this.rows(
      `SELECT count(*) AS total, ${counts.join(', ')} FROM (SELECT ${pairs.join(', ')} FROM ${source})`,
    );
    return columns.flatMap((column, i) => {
      const [n, down, up] = [r[`n${i}`], r[`down${i}`], r[`up${i}`]].map(Number);
      return n > 0 && n === Number(r.total) && (down === 0 || up === 0)
        ? [{ column, changes: down + up }]
        : [];
    });
  }

  /**
   * Rows equal to an earlier row in every column. A column whose values never repeat, with none
   * missing, is a key: no two rows can be equal, and the table is not hashed at all.
   */
  private async duplicateRows(columns: ColumnProfile[], rows: number): Promise<number> {
    if (columns.some((c) => c.missing === 0 && c.distinct === rows)) return 0;
    // Distinct rows by a 64-bit hash of the whole row: one column to compare instead of all of
    // them. Two different rows sharing a hash would count as a duplicate; among 45 million rows
    // the chance of even one such pair is about 1 in 20,000.
    const [dup] = await this.rows(
      `SELECT count(DISTINCT hash(${columns.map((c) => ident(c.name)).join(', ')})) AS n FROM t`,
    );
    return rows - Number(dup.n);
  }

  /** Writes the first rows as UTF-8 CSV with a header: the public preview. */
  async preview(target: string, rows = 20): Promise<void> {
    await this.db.run(
      `COPY (SELECT * FROM t LIMIT ${rows}) TO ${literal(target)} (HEADER, DELIMITER ',')`,
    );
  }

  /** The first typed timestamp column, or a text column whose values parse with one of the known formats. */
  private async timeSeries(
    described: { name: string; type: string }[],
  ): Promise<TimeSeriesProfile | null> {
    let column: string | undefined;
    let expr = '';
    let format: string | null = null;
    const typed = described.find((c) => /^(TIMESTAMP.*|DATE)$/.test(c.type));
    if (typed) {
      column = typed.name;
      expr = `CAST(${ident(typed.name)} AS TIMESTAMP)`;
    } else {
      for (const c of described.filter((d) => d.type === 'VARCHAR')) {
        const sample = `(SELECT ${ident(c.name)} AS v FROM t WHERE ${ident(c.name)} IS NOT NULL LIMIT 1000)`;
        const probes = TIMESTAMP_FORMATS.map(
          (f, i) => `count(try_strptime(v, ${literal(f)})) AS f${i}`,
        ).join(', ');
        const [hit] = await this.rows(`SELECT count(*) AS n, ${probes} FROM ${sample}`);
        const n = Number(hit.n);
        const best = TIMESTAMP_FORMATS.map((f, i) => ({ f, ok: Number(hit[`f${i}`]) })).sort(
          (a, b) => b.ok - a.ok,
        )[0];
        if (n > 0 && best.ok / n >= 0.95) {
          column = c.name;
          format = best.f;
          expr = `try_strptime(${ident(c.name)}, ${literal(best.f)})`;
          break;
        }
      }
    }
    if (!column) return null;
    // Out of order: each row against the row before it in the file. `lag() OVER ()` runs as
    // DuckDB's streaming window over the table scan, in insertion order (kept by default), with
    // no sort of the whole table (at 45 million rows: 0.1 s instead of 13 s with ORDER BY rowid).
    const [s] = await this.rows(`
      SELECT min(ts) AS first, max(ts) AS last, count(ts) AS n, count(*) AS total,
             count(*) FILTER (WHERE ts < prev) AS out_of_order
        FROM (SELECT ${expr} AS ts, lag(${expr}) OVER () AS prev FROM t)`);
    // The steps between distinct moments. In order and with every row stamped, they are the rises
    // from one row to the next, read as the table streams by (at 45 million rows, 0.7 s);
    // otherwise the distinct moments are found and sorted first (1.5 s).
    const inOrder = Number(s.out_of_order) === 0 && Number(s.n) === Number(s.total);
    const steps = inOrder
      ? `SELECT epoch(ts) - epoch(prev) AS dt
           FROM (SELECT ${expr} AS ts, lag(${expr}) OVER () AS prev FROM t)
          WHERE ts > prev`
      : `SELECT epoch(ts) - epoch(lag(ts) OVER (ORDER BY ts)) AS dt
           FROM (SELECT DISTINCT ${expr} AS ts FROM t WHERE ${expr} IS NOT NULL)`;
    const [d] = await this.rows(`
      WITH steps AS (${steps}),
           typical AS (SELECT median(dt) AS m FROM steps WHERE dt > 0)
      SELECT (SELECT count(dt) FROM steps) AS steps,
             (SELECT m FROM typical) AS median,
             (SELECT count(*) FROM steps, typical WHERE dt > 2 * m) AS gaps,
             (SELECT max(dt) FROM steps) AS largest`);
    return {
      column,
      format,
      first: plain(s.first) as string | null,
      last: plain(s.last) as string | null,
      outOfOrder: Number(s.out_of_order),
      // Each step leads to a new moment after the first one.
      repeated: Number(s.n) - (Number(s.n) > 0 ? Number(d.steps) + 1 : 0),
      medianIntervalSeconds: plain(d.median) as number | null,
      gaps: Number(d.gaps),
      largestGapSeconds: plain(d.largest) as number | null,
    };
  }

  /** Values of one column that differ only in case or surrounding spaces (`OK`, `ok`, `Ok `). */
  private async spellings(columns: ColumnProfile[]): Promise<SpellingVariant[]> {
    const out: SpellingVariant[] = [];
    for (const c of columns) {
      const found = await this.rows(`
        WITH counts AS (SELECT ${ident(c.name)} AS v, count(*) AS n FROM t WHERE ${ident(c.name)} IS NOT NULL GROUP BY 1)
        SELECT list(v ORDER BY n DESC, v) AS spellings, sum(n) - max(n) AS minority
          FROM counts GROUP BY lower(trim(v)) HAVING count(*) > 1 ORDER BY minority DESC LIMIT 20`);
      for (const f of found)
        out.push({
          column: c.name,
          spellings: (f.spellings as string[]).map(String),
          rows: Number(f.minority),
        });
    }
    return out;
  }

  /** Counts values outside the declared schema per column and notes declared columns that are missing. */
  private async checkSchema(
    columns: ColumnProfile[],
    schema: DeclaredColumn[],
    rows: number,
  ): Promise<string[]> {
    const problems: string[] = [];
    for (const declared of schema) {
      const column = columns.find((c) => c.name === declared.name);
      if (!column) {
        problems.push(`declared column "${declared.name}" is not in the file`);
        continue;
      }
      const id = ident(column.name);
      const asText = `CAST(${id} AS VARCHAR)`;
      const bad: string[] = [];
      const cast = {
        number: 'DOUBLE',
        integer: 'BIGINT',
        boolean: 'BOOLEAN',
        timestamp: 'TIMESTAMP',
        string: null,
      }[declared.type ?? 'string'];
      if (cast) bad.push(`(${id} IS NOT NULL AND try_cast(${asText} AS ${cast}) IS NULL)`);
      if (declared.min !== undefined)
        bad.push(`try_cast(${asText} AS DOUBLE) < ${Number(declared.min)}`);
      if (declared.max !== undefined)
        bad.push(`try_cast(${asText} AS DOUBLE) > ${Number(declared.max)}`);
      if (declared.allowed?.length)
        bad.push(
          `(${id} IS NOT NULL AND ${asText} NOT IN (${declared.allowed.map(literal).join(', ')}))`,
        );
      if (declared.required) bad.push(`${id} IS NULL`);
      const [r] = bad.length
        ? await this.rows(`SELECT count(*) AS n FROM t WHERE ${bad.join(' OR ')}`)
        : [{ n: 0 }];
      column.invalid = Number(r.n);
      if (column.invalid)
        problems.push(
          `${column.invalid} of ${rows} values of "${column.name}" break the declared schema`,
        );
    }
    return problems;
  }
}
