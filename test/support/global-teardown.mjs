import { rm } from 'node:fs/promises';
import pg from 'pg';

export default async function globalTeardown() {
  // With an external TEST_DATABASE_URL, drop what this run made there.
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `mdx\\_%\\_${process.env.TEST_RUN_ID}%`,
    ]);
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } catch {
    // the server may be gone already
  } finally {
    await client.end().catch(() => undefined);
  }
  for (const stop of (globalThis.__mdxStops ?? []).reverse()) await stop().catch(() => undefined);
  if (process.env.TEST_TMP_DIR)
    await rm(process.env.TEST_TMP_DIR, { recursive: true, force: true });
}
