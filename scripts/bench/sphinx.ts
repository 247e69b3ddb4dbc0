/**
 * A search engine beside PostgreSQL, for bench:search to measure side by side (BENCH_ENGINE=sphinx):
 * Sphinx 2.2, Debian's `sphinxsearch` package (`apt-get install sphinxsearch`), the ancestor of
 * Manticore Search. It indexes the same listed products straight from PostgreSQL (`indexer` with a
 * pgsql source) and answers the same SearchParams over SphinxQL (the MySQL protocol), with the
 * same facets in the same statement (FACET).
 *
 * The match is as close to the service's as the engine allows:
 * - a word with Hangul is indexed as its overlapping bigrams, in order ("용해탱크" -> 용해 해탱 탱크),
 *   and a query word is the phrase of its bigrams: a substring match, as the service's LIKE is
 *   (a syllable at a time, ngram_len 1, was tried first: its phrases over the commonest syllables
 *   took 37-68 ms a search at 100,000 products);
 * - a Latin word matches inside a word too (`*word*`, min_infix_len 2), as LIKE does;
 * - relevance is the engine's own (title hits weigh ten times), then the newest, where the service
 *   counts the query words in the title; both pages are ordered by their own rules.
 * - The industry filter takes a two-digit division only (all the mix asks).
 * The bench compares each search's total with PostgreSQL's and prints how many agree.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { type SearchParams, totalOf } from '../../src/modules/catalog/search-query.js';
import { words } from '../../src/modules/catalog/search-tokens.js';
import { TYPES } from './catalog-fill.js';

const run = promisify(execFile);
const PRICE_BANDS = ['UNDER_1M', '1M_TO_5M', '5M_TO_10M', '10M_AND_MORE'];

export interface EngineAnswer {
  ids: string[];
  facets: Record<string, Record<string, number>>;
  total: number;
}

export interface Engine {
  indexSeconds: number;
  indexBytes: number;
  search(p: SearchParams): Promise<EngineAnswer>;
  stop(): Promise<void>;
}

export async function startSphinx(databaseUrl: string, dir: string, port: number): Promise<Engine> {
  await mkdir(dir, { recursive: true });
  const db = new URL(databaseUrl);
  const licences = await licenceCodes(databaseUrl);
  const listOf = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
  const conf = `
source products {
  type = pgsql
  sql_host = ${db.hostname}
  sql_port = ${db.port}
  sql_user = ${decodeURIComponent(db.username)}
  sql_pass = ${decodeURIComponent(db.password)}
  sql_db = ${db.pathname.slice(1)}
  sql_query = SELECT row_number() OVER (ORDER BY id) AS doc, id::text AS product_id, \\
    ${GRAMS('search_text')} AS grams, ${GRAMS('title_text')} AS title_grams, \\
    array_position(${listOf(TYPES)}, data_type) AS data_type, \\
    coalesce(left(industry_code, 2)::int, 0) AS division, \\
    array_position(${listOf(licences)}, licence_code) AS licence, \\
    processing_supported::int AS processing_supported, price_krw, quality_score::float AS quality, \\
    extract(epoch FROM listed_at)::bigint AS listed_at \\
    FROM products WHERE status = 'LISTED'
  sql_attr_string = product_id
  sql_attr_uint = data_type
  sql_attr_uint = division
  sql_attr_uint = licence
  sql_attr_bool = processing_supported
  sql_attr_bigint = price_krw
  sql_attr_float = quality
  sql_attr_timestamp = listed_at
}
index products {
  source = products
  path = ${dir}/products
  docinfo = extern
  dict = keywords
  min_infix_len = 2
  min_word_len = 1
  charset_table = 0..9, A..Z->a..z, a..z, U+AC00..U+D7A3
}
indexer {
  mem_limit = 512M
}
searchd {
  listen = 127.0.0.1:${port}:mysql41
  log = ${dir}/searchd.log
  query_log = ${dir}/query.log
  pid_file = ${dir}/searchd.pid
  binlog_path =
  workers = threads
}
`;
  const confPath = path.join(dir, 'sphinx.conf');
  await writeFile(confPath, conf);
  const t0 = performance.now();
  await run('indexer', ['--config', confPath, '--all', '--quiet'], { maxBuffer: 1 << 24 });
  const indexSeconds = (performance.now() - t0) / 1000;
  let indexBytes = 0;
  for (const f of await readdir(dir))
    if (f.startsWith('products.')) indexBytes += (await stat(path.join(dir, f))).size;

  const daemon = spawn('searchd', ['--config', confPath, '--nodetach'], { stdio: 'ignore' });
  const pool = mysql.createPool({
    host: '127.0.0.1',
    port,
    connectionLimit: 8,
    multipleStatements: true,
  });
  for (let i = 0; ; i++) {
    try {
      await pool.query('SHOW STATUS');
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    indexSeconds,
    indexBytes,
    async search(p) {
      const sql = sphinxQl(p, licences);
      const [sets] = (await pool.query(sql)) as unknown as [Record<string, unknown>[][]];
      const [page, byType, byDivision, byLicence, bySupported, byPrice] = sets;
      const facets: EngineAnswer['facets'] = {
        dataType: keyed(byType, 'data_type', (v) => TYPES[v - 1]),
        industryDivision: keyed(byDivision, 'division', (v) =>
          v ? String(v).padStart(2, '0') : 'NONE',
        ),
        license: keyed(byLicence, 'licence', (v) => licences[v - 1]),
        processingSupported: keyed(bySupported, 'processing_supported', (v) => String(v === 1)),
        priceRange: keyed(byPrice, 'price_band', (v) => PRICE_BANDS[v]),
      };
      return { ids: page.map((r) => String(r.product_id)), facets, total: totalOf(facets) };
    },
    async stop() {
      await pool.end();
      daemon.kill('SIGTERM');
      await new Promise((r) => daemon.once('exit', r));
    },
  };
}

const HANGUL = /[\uAC00-\uD7A3]/;

/** A word's overlapping bigrams in order; a word of one character is itself. */
function bigrams(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2) return [word];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** The same in SQL, for the indexer: a text's words with Hangul as their bigrams, the others whole. */
const GRAMS = (column: string) =>
  `(SELECT string_agg(CASE WHEN w ~ '[가-힣]' AND length(w) > 2 THEN (SELECT string_agg(substr(w, i, 2), ' ' ORDER BY i) FROM generate_series(1, length(w) - 1) i) ELSE w END, ' ' ORDER BY n) FROM unnest(string_to_array(${column}, ' ')) WITH ORDINALITY AS t(w, n))`;

function keyed(
  rows: Record<string, unknown>[],
  column: string,
  name: (v: number) => string,
): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [name(Number(r[column])), Number(r['count(*)'])]));
}

/** One SphinxQL statement: the page, then the five facets as result sets of their own. */
export function sphinxQl(p: SearchParams, licences: string[]): string {
  const where: string[] = [];
  const qWords = p.q ? words(p.q) : [];
  if (qWords.length)
    where.push(
      `MATCH('${qWords
        .map((w) => (HANGUL.test(w) ? `"${bigrams(w).join(' ')}"` : w.length > 1 ? `*${w}*` : w))
        .join(' ')}')`,
    );
  if (p.industryCode) where.push(`division = ${Number(p.industryCode.slice(0, 2))}`);
  if (p.dataType) where.push(`data_type = ${TYPES.indexOf(p.dataType) + 1}`);
  if (p.minPriceKrw !== undefined) where.push(`price_krw >= ${Number(p.minPriceKrw)}`);
  if (p.maxPriceKrw !== undefined) where.push(`price_krw <= ${Number(p.maxPriceKrw)}`);
  if (p.minQuality !== undefined) where.push(`quality >= ${Number(p.minQuality)}`);
  if (p.processingSupported !== undefined)
    where.push(`processing_supported = ${p.processingSupported ? 1 : 0}`);
  if (p.license) where.push(`licence = ${licences.indexOf(p.license) + 1}`);
  const sort = p.sort ?? (qWords.length ? 'relevance' : 'newest');
  const order = {
    relevance: 'WEIGHT() DESC, listed_at DESC',
    newest: 'listed_at DESC',
    price_asc: 'price_krw ASC',
    price_desc: 'price_krw DESC',
  }[sort];
  const offset = (p.page - 1) * p.pageSize;
  return (
    `SELECT product_id FROM products` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ` ORDER BY ${order} LIMIT ${offset}, ${p.pageSize}` +
    ` OPTION ranker=wordcount, field_weights=(title_grams=10, grams=1)` +
    ` FACET data_type LIMIT 10 FACET division LIMIT 100 FACET licence LIMIT 50` +
    ` FACET processing_supported LIMIT 2` +
    ` FACET INTERVAL(price_krw, 1000000, 5000000, 10000000) AS price_band LIMIT 4`
  );
}

async function licenceCodes(databaseUrl: string): Promise<string[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT code FROM licences ORDER BY code`);
    return rows.map((r) => String(r.code));
  } finally {
    await client.end();
  }
}
