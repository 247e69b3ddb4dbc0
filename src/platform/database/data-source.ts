import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities, migrations } from '../../schema.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export function dataSourceOptions(
  url: string,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13 and later: no extension needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // The pool: enough for two cores; a request that cannot get a connection in time fails fast.
    extra: { max: 20, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    ...overrides,
  } as DataSourceOptions;
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
