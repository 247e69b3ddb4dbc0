import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/app/data-source.js';
import { schemaDiff } from '../../src/platform/database/schema-diff.js';
import { cloneTestDatabase } from '../support/database.js';

describe('schema', () => {
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await cloneTestDatabase();
    dataSource = await createDataSource(db.url).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('entities and migrations agree (npm run migration:generate would write nothing)', async () => {
    const diff = await schemaDiff(dataSource);
    expect(diff.up).toEqual([]);
  });

  it('every migration is applied to the template and none is pending', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM migrations');
    expect(n).toBe(dataSource.migrations.length);
  });

  it('money columns are bigint: no amount is stored as a float or a decimal', async () => {
    const moneyish: { table_name: string; column_name: string; data_type: string }[] =
      await dataSource.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND (column_name LIKE '%krw%' OR column_name LIKE '%amount%'
              OR column_name LIKE '%price%' OR column_name LIKE '%budget%')`,
      );
    expect(moneyish.length).toBeGreaterThan(5);
    expect(moneyish.filter((c) => c.data_type !== 'bigint')).toEqual([]);
  });

  it('the audit trail refuses UPDATE, DELETE and TRUNCATE', async () => {
    await dataSource.query(
      `INSERT INTO audit_entries (action, entity_type, entity_id) VALUES ('test.done', 'test', '1')`,
    );
    await expect(dataSource.query(`UPDATE audit_entries SET action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'test.done'`,
    );
    expect(n).toBe(1);
  });

  it('the announcement exclusions are seeded', async () => {
    const rows: { code: string; reason: string }[] = await dataSource.query(
      'SELECT code, reason FROM excluded_industries ORDER BY code',
    );
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(['55', '56', '56211', '91291']));
    expect(new Set(rows.map((r) => r.reason))).toEqual(
      new Set(['숙박·음식점업', '유흥·향락업', '불건전 오락용품 제조업']),
    );
  });
});
