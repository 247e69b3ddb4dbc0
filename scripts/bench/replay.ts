/**
 * The service's own statements without the service: what its statement log (SQL_LOG_FILE,
 * src/platform/database/statement-log.ts) recorded, replayed with `pg` alone against a copy of the
 * database taken when the log was marked. Used by bench:checkout for its bare-SQL baseline.
 */
import { open, stat } from 'node:fs/promises';
import pg from 'pg';
import { pool } from './harness.js';

interface Line {
  c: number;
  q: string;
  p: unknown[];
}

/** The log's length now: what is recorded after it is what a replay runs. */
export async function markLog(file: string): Promise<number> {
  return (await stat(file)).size;
}

/**
 * The statements recorded between two marks, as units in the order each began: all the statements of
 * one connection of TypeORM's (a transaction with its BEGIN and COMMIT, or a request's session
 * work), or a statement run alone.
 */
export async function readUnits(file: string, from: number, to: number): Promise<Line[][]> {
  const fh = await open(file, 'r');
  const buf = Buffer.alloc(to - from);
  await fh.read(buf, 0, buf.length, from);
  await fh.close();
  const units: Line[][] = [];
  const byConnection = new Map<number, Line[]>();
  for (const text of buf.toString('utf8').split('\n')) {
    if (!text.trim()) continue;
    const line = JSON.parse(text) as Line;
    if (line.c === 0) {
      units.push([line]);
      continue;
    }
    let unit = byConnection.get(line.c);
    if (!unit) {
      unit = [];
      byConnection.set(line.c, unit);
      units.push(unit);
    }
    unit.push(line);
  }
  return units;
}

/** What a statement does, in a word or two: `SELECT orders`, `INSERT notifications`, `BEGIN`. */
export function statementKind(sql: string): string {
  const q = sql.replace(/\s+/g, ' ').trim();
  const verb = /^(WITH|SELECT|INSERT INTO|UPDATE|DELETE FROM)\b/i.exec(q)?.[1].toUpperCase();
  if (!verb) return q.split(' ')[0].toUpperCase();
  const table =
    verb === 'SELECT' || verb === 'WITH'
      ? /\bFROM "?(\w+)"?/i.exec(q)?.[1]
      : new RegExp(`^${verb} "?(\\w+)"?`, 'i').exec(q)?.[1];
  return `${verb.split(' ')[0]} ${table ?? '?'}`;
}

/** How many statements of each kind the units hold, the most frequent first. */
export function statementKinds(units: Line[][]): [string, number][] {
  const counts = new Map<string, number>();
  for (const unit of units)
    for (const line of unit)
      counts.set(statementKind(line.q), (counts.get(statementKind(line.q)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/**
 * Runs the units on `clients` connections at once, each taking the next unit in order when it
 * is free, as the service's pool would. A statement that fails ends its unit (rolled back, as the
 * service does); the failures are counted.
 */
export async function replay(
  url: string,
  units: Line[][],
  clients: number,
): Promise<{ seconds: number; statements: number; failed: number; cpuMs: number }> {
  const connections = new pg.Pool({ connectionString: url, max: clients });
  let statements = 0;
  let failed = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await pool(units, clients, async (unit) => {
    const db = await connections.connect();
    try {
      for (const line of unit) {
        try {
          await db.query(line.q, line.p);
          statements++;
        } catch {
          failed++;
          await db.query('ROLLBACK').catch(() => undefined);
          break;
        }
      }
    } finally {
      db.release();
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  // This process does nothing else meanwhile: its CPU is what pg alone costs to send the work.
  const cpu = process.cpuUsage(cpu0);
  await connections.end();
  return { seconds, statements, failed, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * A copy of `database` as it is now, named `copy`. CREATE DATABASE … TEMPLATE needs the source
 * without sessions: the service's are ended (its pools open new ones on their next query).
 */
export async function copyDatabase(adminUrl: string, database: string, copy: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      try {
        await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${database}`);
        return;
      } catch (err) {
        if (attempt >= 20) throw err;
      }
    }
  } finally {
    await admin.end();
  }
}
