import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** The entities and migrations of the application (src/app/schema.ts); platform names none. */
export interface Schema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

export function dataSourceOptions(
  url: string,
  schema: Schema,
  overrides: Partial<DataSourceOptions> = {},
  workMem = '32MB',
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13 and later: no extension needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // The pool: enough for two cores; a request that cannot get a connection in time fails fast.
    // work_mem: the catalog search's bitmap of matching products must stay exact (about 70 bytes
    // a heap page of listed products: 3 MB at a million). Past work_mem it turns lossy, and PostgreSQL
    // then recomputes mdx_tokens() for every row of each lossy page: a common word at a million
    // products took 30-43 s with the default 4MB, 0.5-0.7 s with 64MB (bench:search).
    extra: {
      max: 20,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      options: `-c work_mem=${workMem}`,
    },
    ...overrides,
  } as DataSourceOptions;
}
