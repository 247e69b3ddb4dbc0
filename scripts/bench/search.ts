/**
 * npm run bench:search
 * Fills a fresh database with 100,000 listed products (Korean and English titles and descriptions
 * over industries and data types), then runs a mix of keyword, filter and facet searches through
 * the HTTP API, and the same SQL straight against PostgreSQL. Last line: one JSON object.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { searchSql, type SearchParams } from '../../src/modules/catalog/search-query.js';
import { searchableText } from '../../src/modules/catalog/search-tokens.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { startEmbeddedServices } from '../../src/platform/runtime/embedded-services.js';
import { pool, startService } from './harness.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);

const PROCESSES = [
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
const PROCESSES_EN = [
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
const EQUIPMENT = [
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
const SIGNALS = [
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
const SIGNALS_EN = [
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
const INDUSTRIES = [
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
const TYPES = ['SENSOR_TIME_SERIES', 'TABULAR', 'IMAGE', 'TEXT', 'OTHER'];
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length];

function productRow(i: number) {
  const p = i * 7919;
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

async function fill(url: string) {
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
  for (let from = 0; from < PRODUCTS; from += 2000) {
    const rows = Array.from({ length: Math.min(2000, PRODUCTS - from) }, (_, k) => ({
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
  await db.query('VACUUM ANALYZE products');
  console.log(
    `filled ${PRODUCTS.toLocaleString('en-US')} products in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return db;
}

/** The query mix: Korean two-syllable words, English words, several words, filters, sorts; every answer has facets. */
function mix(n: number): SearchParams[] {
  const out: SearchParams[] = [];
  for (let i = 0; i < n; i++) {
    const base: SearchParams = { page: 1 + (i % 3), pageSize: 20 };
    switch (i % 8) {
      case 0:
        out.push({ ...base, q: pick(PROCESSES, i) });
        break;
      case 1:
        out.push({ ...base, q: pick(SIGNALS, i), sort: 'price_asc' });
        break;
      case 2:
        out.push({ ...base, q: pick(PROCESSES_EN, i) });
        break;
      case 3:
        out.push({ ...base, q: `${pick(PROCESSES, i)} ${pick(SIGNALS, i >> 1)}` });
        break;
      case 4:
        out.push({ ...base, dataType: pick(TYPES, i) as never, minQuality: 80 });
        break;
      case 5:
        out.push({
          ...base,
          industryCode: pick(INDUSTRIES, i).slice(0, 2),
          minPriceKrw: 1_000_000,
          maxPriceKrw: 5_000_000,
          sort: 'newest',
        });
        break;
      case 6:
        out.push({ ...base, q: pick(EQUIPMENT, i), processingSupported: true });
        break;
      default:
        out.push({ ...base, sort: 'price_desc' });
    }
  }
  return out;
}

const toQuery = (p: SearchParams) =>
  new URLSearchParams(
    Object.entries(p)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
const percentile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdx-bench-search-'));
await chmod(dataDir, 0o755);
const embedded = await startEmbeddedServices(
  loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) }),
  {
    info: () => undefined,
    debug: (m) => process.env.BENCH_PG_LOG && console.error(m),
  },
);
const svc = await startService({
  DATABASE_URL: embedded.config.database.url!,
  S3_ENDPOINT: embedded.config.storage.endpoint!,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
});
try {
  const db = await fill(embedded.config.database.url!);
  const queries = mix(REQUESTS);
  const sizes = await db.query(
    `SELECT pg_size_pretty(pg_relation_size('products')) AS heap, pg_size_pretty(pg_table_size('products') - pg_relation_size('products')) AS toast,
            pg_size_pretty(pg_indexes_size('products')) AS indexes, current_setting('shared_buffers') AS shared_buffers`,
  );
  console.log(`products: ${JSON.stringify(sizes.rows[0])}`);
  if (process.env.BENCH_EXPLAIN)
    for (const q of mix(8)) {
      const sql = searchSql(q);
      for (const part of [sql.page, sql.facets]) {
        const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${part.text}`, part.values);
        console.log(JSON.stringify(q), '\n', plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
  // Warm up both paths.
  for (const q of queries.slice(0, 40)) {
    await fetch(`${svc.url}/api/products?${toQuery(q)}`);
    const sql = searchSql(q);
    await db.query(sql.page.text, sql.page.values);
  }

  const api: number[] = [];
  let hits = 0;
  await pool(queries, CONCURRENCY, async (q) => {
    const t0 = performance.now();
    const res = await fetch(`${svc.url}/api/products?${toQuery(q)}`);
    const body = (await res.json()) as { total: number };
    api.push(performance.now() - t0);
    if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
    if (body.total > 0) hits++;
  });

  const rawPool = new pg.Pool({
    connectionString: embedded.config.database.url!,
    max: CONCURRENCY * 3,
  });
  const raw: number[] = [];
  await pool(queries, CONCURRENCY, async (q) => {
    const sql = searchSql(q);
    const t0 = performance.now();
    await Promise.all([
      rawPool.query(sql.page.text, sql.page.values),
      rawPool.query(sql.facets.text, sql.facets.values),
    ]);
    raw.push(performance.now() - t0);
  });
  await rawPool.end();
  await db.end();

  const p50 = percentile(api, 0.5);
  const p95 = percentile(api, 0.95);
  console.log(
    `${REQUESTS} searches through the API, ${CONCURRENCY} at a time (${hits} with results): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...api).toFixed(1)} ms`,
  );
  console.log(
    `the same SQL straight to PostgreSQL (page and facets together): p50 ${percentile(raw, 0.5).toFixed(1)} ms, p95 ${percentile(raw, 0.95).toFixed(1)} ms`,
  );
  console.log(
    JSON.stringify({
      products: PRODUCTS,
      p50Ms: Math.round(p50 * 10) / 10,
      p95Ms: Math.round(p95 * 10) / 10,
      ratio: Math.round((percentile(raw, 0.95) / p95) * 100) / 100,
    }),
  );
} finally {
  await svc.stop();
  await embedded.stop();
  await rm(dataDir, { recursive: true, force: true });
}
