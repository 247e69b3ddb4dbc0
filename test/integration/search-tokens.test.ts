import type { DataSource } from 'typeorm';
import { normaliseText, tokens } from '../../src/modules/catalog/search-tokens.js';
import { createDataSource } from '../../src/app/data-source.js';
import { cloneTestDatabase } from '../support/database.js';

/** The index is built by mdx_bigrams() in SQL, queries by tokens() in TypeScript: they must agree. */
describe('mdx_bigrams agrees with tokens()', () => {
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
    '',
  ])('%s', async (raw) => {
    const text = normaliseText(raw);
    const [row] = await dataSource.query(`SELECT mdx_bigrams($1) AS t`, [text]);
    expect([...row.t].sort()).toEqual(tokens(text).sort());
  });
});
