import type { DataSource } from 'typeorm';

/** Any constant: it names "the schema migration" among advisory locks. */
const MIGRATION_LOCK_KEY = 7_214_903_001;

/**
 * Applies pending migrations while holding a session advisory lock, so that two instances
 * starting at once against one database never run them twice. Returns the names applied.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}
