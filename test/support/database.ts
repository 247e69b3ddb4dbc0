import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource } from '../../src/app/data-source.js';
import { migrate } from '../../src/platform/database/migrate.js';

const TEMPLATE_LOCK = 7_214_903_002;

function urlFor(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The migrated template of this run, made by the first test file that asks for it. */
async function ensureTemplate(admin: pg.Client): Promise<string> {
  const template = `mdx_template_${process.env.TEST_RUN_ID}`;
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      template,
    ]);
    if (!rowCount) {
      const building = `mdx_building_${process.env.TEST_RUN_ID}`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const dataSource = await createDataSource(urlFor(building)).initialize();
      await migrate(dataSource);
      await dataSource.destroy();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
  return template;
}

/** A fresh database cloned from the migrated template; dropped again by the returned function. */
export async function cloneTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mdx_test_${process.env.TEST_RUN_ID}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    const template = await ensureTemplate(admin);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  return {
    url: urlFor(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
