/**
 * npm run migration:generate -- Name
 * Writes migrations/<timestamp>-<Name>.ts with what the entities need beyond the migrations that
 * exist, and registers it in migrations/index.ts. Uses DATABASE_URL, or a throwaway embedded
 * PostgreSQL when none is set.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataSource } from '../src/app/data-source.js';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.js';
import { migrate } from '../src/platform/database/migrate.js';
import { migrationSource, schemaDiff } from '../src/platform/database/schema-diff.js';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
  console.error('Usage: npm run migration:generate -- PascalCaseName');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const quiet = { info: () => undefined, debug: () => undefined };
let tmp: string | undefined;
let stop = async () => undefined as void;
let url = process.env.DATABASE_URL;
if (!url) {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'mdx-migrate-'));
  const pg = await startEmbeddedPostgres(path.join(tmp, 'pg'), 'migrate', quiet);
  url = pg.url;
  stop = pg.stop;
}
try {
  const dataSource = await createDataSource(url).initialize();
  await migrate(dataSource);
  const diff = await schemaDiff(dataSource);
  await dataSource.destroy();
  if (diff.up.length === 0) {
    console.log('The entities and the migrations agree; nothing to generate.');
  } else {
    const timestamp = Date.now();
    const file = `${timestamp}-${name}`;
    await writeFile(
      path.join(root, 'migrations', `${file}.ts`),
      migrationSource(name, timestamp, diff),
    );
    const indexPath = path.join(root, 'migrations', 'index.ts');
    const index = await readFile(indexPath, 'utf8');
    const updated = index
      .replace(
        /(\/\/ Every migration[^\n]*\n)/,
        `$1import { ${name}${timestamp} } from './${file}.js';\n`,
      )
      .replace(/\[([^\]]*)\];/, (_m, list: string) => {
        const items = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return `[\n${[...items, `${name}${timestamp}`].map((i) => `  ${i},`).join('\n')}\n];`;
      });
    await writeFile(indexPath, updated);
    console.log(
      `Wrote migrations/${file}.ts (${diff.up.length} statements); review it before committing.`,
    );
  }
} finally {
  await stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
