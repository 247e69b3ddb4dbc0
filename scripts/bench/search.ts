/**
 * npm run bench:search
 * Fills a fresh database with BENCH_PRODUCTS listed products (100,000 by default; Korean and English
 * titles and descriptions over industries and data types) and prints the table's and indexes'
 * sizes and the time to make them, then runs a mix of keyword, filter and facet searches through
 * the HTTP API with four clients at once and with one, and the same SQL straight against
 * PostgreSQL. Last line: one JSON object. BENCH_DATA_DIR=dir keeps the database there and, on the
 * next run, uses it as it is when it already holds BENCH_PRODUCTS products (a million take minutes
 * to make). BENCH_EXPLAIN=1 prints the plans of a few searches.
 * BENCH_ENGINE=sphinx also measures a search engine side by side on the same products and the same
 * mix (scripts/bench/sphinx.ts: Debian's sphinxsearch must be installed), straight to each: the
 * PostgreSQL SQL and the engine's SphinxQL, one client and four, and how many totals agree.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  facetCounts,
  searchSql,
  totalOf,
  type SearchParams,
} from '../../src/modules/catalog/search-query.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { startEmbeddedServices } from '../../src/platform/runtime/embedded-services.js';
import {
  EQUIPMENT,
  fillCatalog,
  INDUSTRIES,
  pick,
  PROCESSES,
  PROCESSES_EN,
  SIGNALS,
  TYPES,
} from './catalog-fill.js';
import { freePort } from '../../src/platform/runtime/free-port.js';
import { pool, startService } from './harness.js';
import { startSphinx } from './sphinx.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);

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

const keptDir = process.env.BENCH_DATA_DIR && path.resolve(process.env.BENCH_DATA_DIR);
const dataDir = keptDir || (await mkdtemp(path.join(os.tmpdir(), 'mdx-bench-search-')));
await mkdir(dataDir, { recursive: true });
await chmod(dataDir, 0o755);
const embedded = await startEmbeddedServices(
  loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) }),
  {
    info: () => undefined,
    debug: (m) => process.env.BENCH_PG_LOG && console.error(m),
  },
);
// The search itself, every time: its mix repeats filters, which the service's facet cache would
// answer from memory (BENCH_FACETS_CACHE_SECONDS measures with it).
const svc = await startService({
  SEARCH_FACETS_CACHE_SECONDS: process.env.BENCH_FACETS_CACHE_SECONDS ?? '0',
  DATABASE_URL: embedded.config.database.url!,
  S3_ENDPOINT: embedded.config.storage.endpoint!,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
});
try {
  const filling = performance.now();
  const reused = keptDir ? await listedProducts(embedded.config.database.url!) : 0;
  if (reused > 0 && reused < PRODUCTS)
    throw new Error(
      `${dataDir} holds ${reused} products, not ${PRODUCTS}: remove it to fill it anew`,
    );
  const db =
    reused >= PRODUCTS
      ? new pg.Client({ connectionString: embedded.config.database.url! })
      : await fillCatalog(embedded.config.database.url!, PRODUCTS);
  if (reused >= PRODUCTS) {
    await db.connect();
    console.log(`using the ${reused} listed products already in ${dataDir}`);
    // A migration may just have made a table; autovacuum would get to it on a live database.
    await db.query('VACUUM ANALYZE listed_products, listed_facet_counts');
  }
  const generationSeconds = reused >= PRODUCTS ? null : (performance.now() - filling) / 1000;
  // A running service keeps what search reads in PostgreSQL's cache; this one has just started.
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
  const warmed = await db.query(
    `SELECT current_setting('shared_buffers') AS cache,
            pg_size_pretty(sum(pg_prewarm(r)) * current_setting('block_size')::bigint) AS read
       FROM (SELECT 'listed_products'::regclass AS r UNION ALL SELECT 'listed_facet_counts'::regclass
             UNION ALL SELECT indexrelid::regclass FROM pg_index WHERE indrelid = 'listed_products'::regclass) AS rels`,
  );
  console.log(
    `PostgreSQL's cache (shared_buffers) ${warmed.rows[0].cache}: the search tables and their indexes read into it first (${warmed.rows[0].read})`,
  );
  const queries = mix(REQUESTS);
  // The products, and the narrow copy of the listed ones that search reads (listed_products).
  const sizes = await db.query(
    `SELECT t AS "table", pg_size_pretty(pg_relation_size(t)) AS heap, pg_size_pretty(pg_table_size(t) - pg_relation_size(t)) AS toast,
            pg_size_pretty(pg_indexes_size(t)) AS indexes, pg_indexes_size(t)::bigint AS "indexBytes"
       FROM unnest(ARRAY['products', 'listed_products']::regclass[]) AS t`,
  );
  const indexes = await db.query(
    `SELECT indexrelname AS name, pg_size_pretty(pg_relation_size(indexrelid)) AS size
     FROM pg_stat_user_indexes WHERE relname = 'listed_products' ORDER BY pg_relation_size(indexrelid) DESC`,
  );
  console.log(
    `${sizes.rows.map((r) => JSON.stringify(r)).join(', ')}; ${generationSeconds === null ? 'kept from an earlier run' : `generated (rows and indexes) in ${generationSeconds.toFixed(1)} s`}`,
  );
  console.log(`indexes: ${indexes.rows.map((r) => `${r.name} ${r.size}`).join(', ')}`);
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

  let hits = 0;
  const throughApi = async (clients: number) => {
    const times: number[] = [];
    hits = 0;
    await pool(queries, clients, async (q) => {
      const t0 = performance.now();
      const res = await fetch(`${svc.url}/api/products?${toQuery(q)}`);
      const body = (await res.json()) as { total: number };
      times.push(performance.now() - t0);
      if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
      if (body.total > 0) hits++;
    });
    return times;
  };
  // Four clients at once first (the issue's second figure), then the one client of the others.
  const api4 = await throughApi(4);
  const api = await throughApi(CONCURRENCY);

  const rawPool = new pg.Pool({
    connectionString: embedded.config.database.url!,
    max: 4 * 3,
    // The service's work_mem (data-source.ts), so that both run the same plans.
    options: `-c work_mem=${embedded.config.database.workMem}`,
  });
  const straightToPostgres = async (clients: number) => {
    const times: number[] = [];
    await pool(queries, clients, async (q) => {
      const sql = searchSql(q);
      const t0 = performance.now();
      await Promise.all([
        rawPool.query(sql.page.text, sql.page.values),
        rawPool.query(sql.facets.text, sql.facets.values),
      ]);
      times.push(performance.now() - t0);
    });
    return times;
  };
  /**
   * The same mix straight to PostgreSQL and straight to the engine, one client and four, and each
   * answer's total compared with PostgreSQL's.
   */
  async function sideBySide() {
    const sphinx = await startSphinx(
      embedded.config.database.url!,
      path.join(dataDir, 'sphinx'),
      await freePort(),
    );
    try {
      console.log(
        `sphinx: indexed the listed products in ${sphinx.indexSeconds.toFixed(1)} s, index ${(sphinx.indexBytes / 2 ** 20).toFixed(1)} MB`,
      );
      let agree = 0;
      for (const q of queries) {
        const sql = searchSql(q);
        const [mine, theirs] = await Promise.all([
          sphinx.search(q),
          rawPool.query(sql.facets.text, sql.facets.values),
        ]);
        if (mine.total === totalOf(facetCounts(theirs.rows))) agree++;
      }
      const straightToSphinx = async (clients: number) => {
        const times: number[] = [];
        await pool(queries, clients, async (q) => {
          const t0 = performance.now();
          await sphinx.search(q);
          times.push(performance.now() - t0);
        });
        return times;
      };
      const pg4 = await straightToPostgres(4);
      const one = await straightToSphinx(CONCURRENCY);
      const four = await straightToSphinx(4);
      const at = (xs: number[], q: number) => Math.round(percentile(xs, q) * 10) / 10;
      console.log(
        `side by side, straight to each (page and facets), ${CONCURRENCY} client(s): PostgreSQL p50 ${at(raw, 0.5)} ms, p95 ${at(raw, 0.95)} ms; Sphinx p50 ${at(one, 0.5)} ms, p95 ${at(one, 0.95)} ms`,
      );
      console.log(
        `side by side, 4 clients: PostgreSQL p95 ${at(pg4, 0.95)} ms; Sphinx p95 ${at(four, 0.95)} ms; totals that agree: ${agree} of ${queries.length}`,
      );
      return {
        name: 'sphinx 2.2',
        p50Ms: at(one, 0.5),
        p95Ms: at(one, 0.95),
        p95Ms4Clients: at(four, 0.95),
        postgresP95Ms: at(raw, 0.95),
        postgresP95Ms4Clients: at(pg4, 0.95),
        indexSeconds: Math.round(sphinx.indexSeconds * 10) / 10,
        indexBytes: sphinx.indexBytes,
        totalsAgree: agree,
      };
    } finally {
      await sphinx.stop();
    }
  }

  const raw = await straightToPostgres(CONCURRENCY);
  const engine = process.env.BENCH_ENGINE === 'sphinx' ? await sideBySide() : null;
  await rawPool.end();
  await db.end();

  const p50 = percentile(api, 0.5);
  const p95 = percentile(api, 0.95);
  console.log(
    `${REQUESTS} searches through the API, ${CONCURRENCY} at a time (${hits} with results): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...api).toFixed(1)} ms`,
  );
  console.log(
    `the same searches, 4 clients at once: p50 ${percentile(api4, 0.5).toFixed(1)} ms, p95 ${percentile(api4, 0.95).toFixed(1)} ms`,
  );
  console.log(
    `the same SQL straight to PostgreSQL (page and facets together): p50 ${percentile(raw, 0.5).toFixed(1)} ms, p95 ${percentile(raw, 0.95).toFixed(1)} ms`,
  );
  console.log(
    JSON.stringify({
      products: PRODUCTS,
      p50Ms: Math.round(p50 * 10) / 10,
      p95Ms: Math.round(p95 * 10) / 10,
      p95Ms4Clients: Math.round(percentile(api4, 0.95) * 10) / 10,
      indexBytes: sizes.rows.reduce((a, r) => a + Number(r.indexBytes), 0),
      generationSeconds:
        generationSeconds === null ? null : Math.round(generationSeconds * 10) / 10,
      ratio: Math.round((percentile(raw, 0.95) / p95) * 100) / 100,
      ...(engine && { engine }),
    }),
  );
} finally {
  await svc.stop();
  await embedded.stop();
  if (!keptDir) await rm(dataDir, { recursive: true, force: true });
}

/** How many listed products a kept database holds (0 when it has none yet). */
async function listedProducts(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM products WHERE status = 'LISTED'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}
