import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';
import { StatementLog } from './statement-log.js';

describe('the statement log (SQL_LOG_FILE)', () => {
  it("records each statement with its parameters and its connection: a transaction's together, others apart", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-sql-log-'));
    const file = path.join(dir, 'statements.jsonl');
    const db = await new DataSource(
      dataSourceOptions(
        process.env.TEST_DATABASE_URL!,
        { entities: [], migrations: [] },
        { logging: ['query'], logger: new StatementLog(file) },
      ),
    ).initialize();
    try {
      await db.transaction(async (m) => {
        await m.query('SELECT $1::int AS a', [1]);
        await m.query('SELECT $1::text AS b', ['둘']);
      });
      await db.query('SELECT $1::int AS c', [3]);
      await db.query('SELECT 4');
    } finally {
      await db.destroy();
    }
    await new Promise((r) => setTimeout(r, 50)); // the stream's last write
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { c: number; q: string; p: unknown[] });
    const mine = lines.slice(lines.findIndex((l) => l.q === 'START TRANSACTION'));
    expect(mine.map((l) => [l.q, l.p])).toEqual([
      ['START TRANSACTION', []],
      ['SELECT $1::int AS a', [1]],
      ['SELECT $1::text AS b', ['둘']],
      ['COMMIT', []],
      ['SELECT $1::int AS c', [3]],
      ['SELECT 4', []],
    ]);
    const [begin, a, b, commit, c, d] = mine.map((l) => l.c);
    expect(new Set([begin, a, b, commit]).size).toBe(1);
    expect(new Set([begin, c, d]).size).toBe(3);
    await rm(dir, { recursive: true, force: true });
  });
});
