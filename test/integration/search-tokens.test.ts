import type { DataSource } from 'typeorm';
import { indexTokens, normaliseText } from '../../src/modules/catalog/search-tokens.js';
import { createDataSource } from '../../src/app/data-source.js';
import { cloneTestDatabase } from '../support/database.js';

/** The index is built by mdx_tokens() in SQL, queries by queryTokens() from the same rules in TypeScript: they must agree. */
describe('mdx_tokens agrees with indexTokens()', () => {
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

  it.each([
    'KAMP 용해탱크 품질 예측 데이터셋',
    'Melting-tank data, 2020/03/04 0:00',
    '정상 데이터 수집'.normalize('NFD'),
    'a 가 aa aa 3상유도전동기',
    'cnc가공 rolling mill 2024년 abc가def',
    '',
  ])('%s', async (raw) => {
    const text = normaliseText(raw);
    const [row] = await dataSource.query(`SELECT mdx_tokens($1) AS t`, [text]);
    expect([...row.t].sort()).toEqual(indexTokens(text).sort());
  });
});
