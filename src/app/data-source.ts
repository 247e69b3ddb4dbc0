import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../platform/database/data-source.js';
import { schema } from './schema.js';

/** A data source of this application's schema, outside Nest (scripts, tests, the generator). */
export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url, schema));
}
