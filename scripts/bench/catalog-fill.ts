/**
 * The catalog the benchmarks search: products written straight into PostgreSQL, as many as asked,
 * their titles and descriptions mixed from Korean and English process, equipment and signal words.
 * Used by bench:search and bench:web.
 */
import pg from 'pg';
import { searchableText } from '../../src/modules/catalog/search-tokens.js';

export const PROCESSES = [
  '용해',
  '주조',
  '사출',
  '프레스',
  '도장',
  '용접',
  '절삭',
  '열처리',
  '조립',
  '검사',
  '압연',
  '단조',
  '도금',
  '연마',
  '성형',
];
export const PROCESSES_EN = [
  'melting',
  'casting',
  'injection',
  'press',
  'painting',
  'welding',
  'machining',
  'heat treatment',
  'assembly',
  'inspection',
  'rolling',
  'forging',
  'plating',
  'polishing',
  'molding',
];
export const EQUIPMENT = [
  '탱크',
  '프레스기',
  '사출기',
  '컨베이어',
  '로봇',
  'CNC',
  '보일러',
  '펌프',
  '모터',
  '압축기',
  '금형',
  '가열로',
];
export const SIGNALS = [
  '온도',
  '압력',
  '진동',
  '전류',
  '속도',
  '중량',
  '불량',
  '품질',
  '이미지',
  '소음',
  '유량',
  '습도',
];
export const SIGNALS_EN = [
  'temperature',
  'pressure',
  'vibration',
  'current',
  'speed',
  'weight',
  'defect',
  'quality',
  'image',
  'noise',
  'flow',
  'humidity',
];
export const INDUSTRIES = [
  '24311',
  '25924',
  '29294',
  '22241',
  '30320',
  '28111',
  '20421',
  '26299',
  '10799',
  '13102',
];
export const TYPES = ['SENSOR_TIME_SERIES', 'TABULAR', 'IMAGE', 'TEXT', 'OTHER'];
export const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length];

function productRow(i: number) {
  // Within 31 bits, so the shifts below stay positive past 271,000 products (the same values below).
  const p = (i * 7919) % 2 ** 31;
  const english = i % 4 === 0;
  const proc = pick(PROCESSES, p);
  const eq = pick(EQUIPMENT, p >> 3);
  const sig = pick(SIGNALS, p >> 5);
  const title = english
    ? `${pick(PROCESSES_EN, p)} ${pick(SIGNALS_EN, p >> 5)} dataset ${i}`
    : `${proc} ${eq} ${sig} 데이터셋 ${i}`;
  const description = english
    ? `Time series of ${pick(SIGNALS_EN, p >> 5)} and ${pick(SIGNALS_EN, p >> 7)} collected from ${pick(PROCESSES_EN, p >> 2)} lines, labelled for defect prediction.`
    : `${proc} 공정의 ${eq}에서 수집한 ${sig}·${pick(SIGNALS, p >> 7)} 데이터. 불량 예측과 품질 관리를 위해 전처리와 라벨링을 거쳤습니다.`;
  const tags = [proc, sig, english ? 'english' : '국문'];
  const industry = pick(INDUSTRIES, p >> 4);
  const text = searchableText(
    [title, description, ...tags, industry, `판매기업${i % 200}`].join(' '),
  );
  return {
    title,
    description,
    tags,
    industry,
    dataType: pick(TYPES, p >> 6),
    price: 100_000 + ((p * 13) % 300) * 50_000,
    quality: 60 + ((p >> 2) % 40) + (p % 10) / 10,
    processingSupported: i % 10 === 0,
    searchText: text,
    daysAgo: i % 720,
  };
}

/**
 * Fills a migrated database with `count` listed products (Korean and English titles and descriptions
 * over industries and data types), 2,000 a statement, then VACUUM ANALYZE. Answers the open client.
 */
export async function fillCatalog(url: string, count: number) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const [{ id: userId }] = (
    await db.query(
      `INSERT INTO users (email, name, password_hash) VALUES ('bench@bench.local', 'bench', 'x') RETURNING id`,
    )
  ).rows;
  const orgs: string[] = [];
  for (let i = 0; i < 200; i++) {
    const nine = String(100_000_000 + i * 7);
    const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
    const sum =
      w.reduce((a, x, k) => a + x * Number(nine[k]), 0) + Math.floor((Number(nine[8]) * 5) / 10);
    const { rows } = await db.query(
      `INSERT INTO organizations (name, registration_number, representative_name, category, industry_code, created_by) VALUES ($1, $2, '대표', 'SME', '24311', $3) RETURNING id`,
      [`판매기업${i}`, nine + ((10 - (sum % 10)) % 10), userId],
    );
    orgs.push(rows[0].id);
  }
  const started = performance.now();
  for (let from = 0; from < count; from += 2000) {
    const rows = Array.from({ length: Math.min(2000, count - from) }, (_, k) => ({
      i: from + k,
      ...productRow(from + k),
    }));
    await db.query(
      `INSERT INTO products (organization_id, dataset_id, version_id, version, title, description, price_krw, licence_code, status,
                             industry_code, data_type, tags, processing_supported, quality_score, row_count, file_count, size_bytes,
                             listed_at, first_listed_at, search_text, title_text, created_by)
       SELECT o, gen_random_uuid(), gen_random_uuid(), 1, t, d, pr, 'COMMERCIAL', 'LISTED', ind, dt, tg::text[], ps, q, 10000, 1, 420050,
              now() - make_interval(days => da), now() - make_interval(days => da), st, tt, $13
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bool[], $9::numeric[],
                     $10::int[], $11::text[], $12::text[]) AS x(o, t, d, pr, ind, dt, tg, ps, q, da, st, tt)`,
      [
        rows.map((r) => orgs[r.i % orgs.length]),
        rows.map((r) => r.title),
        rows.map((r) => r.description),
        rows.map((r) => r.price),
        rows.map((r) => r.industry),
        rows.map((r) => r.dataType),
        rows.map((r) => `{${r.tags.map((x) => `"${x}"`).join(',')}}`),
        rows.map((r) => r.processingSupported),
        rows.map((r) => r.quality.toFixed(1)),
        rows.map((r) => r.daysAgo),
        rows.map((r) => r.searchText),
        rows.map((r) => searchableText(r.title)),
        userId,
      ],
    );
  }
  // What autovacuum does on a live database: statistics, and the visibility map for index-only scans.
  await db.query('VACUUM ANALYZE products, listed_products, listed_facet_counts');
  console.log(
    `filled ${count.toLocaleString('en-US')} products in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return db;
}
