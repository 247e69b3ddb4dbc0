/**
 * npm run bench:web
 * The web app with 100,000 listed products: a fresh database filled as bench:search fills it, the
 * service started as `npm start` runs it (the built app served from the API's origin), and Debian's
 * Chromium driven by Playwright. Measures, each over several fresh page loads:
 * - the catalog's load to interactive: from the navigation's start to the frame after the app took
 *   the page over (every filter working), as the page marks it (and the browser's own
 *   domInteractive, and the time the test driver saw it);
 * - the first results: the page's first paint, which already has the result cards and a search box
 *   that works (the server draws the catalog; its search box is a plain form until the app runs);
 * - a search round trip in the page: typing a query, submitting, the new results drawn;
 * - the JavaScript the catalog route loads, gzipped (goal under 300 KB).
 * Last line: one JSON object.
 */
import { gzipSync } from 'node:zlib';
import { mkdtemp } from 'node:fs/promises';
import { chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { loadConfig } from '../../src/platform/config/config.js';
import { startEmbeddedServices } from '../../src/platform/runtime/embedded-services.js';
import { fillCatalog } from './catalog-fill.js';
import { startService } from './harness.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 7);
// Each search different: the app keeps an answer for a minute, so a repeated one never reaches the API.
const SEARCHES = [
  '용해',
  '프레스 진동',
  '사출기',
  'welding',
  '품질예측',
  '컨베이어 온도',
  'casting defect',
  '열처리',
  '압연 전류',
  'pump',
  '도장 습도',
  '금형',
  'forging vibration',
  '가열로 온도',
];
const READY_MARK = 'mdx:catalog-ready';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdx-bench-web-'));
await chmod(dataDir, 0o755);
const embedded = await startEmbeddedServices(
  loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) }),
  {
    info: () => undefined,
    debug: () => undefined,
  },
);
const svc = await startService({
  DATABASE_URL: embedded.config.database.url!,
  S3_ENDPOINT: embedded.config.storage.endpoint!,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const db = await fillCatalog(embedded.config.database.url!, PRODUCTS);
  await db.end();

  // The API's own answer to the front page's search, for comparison (after the first, its facet
  // counts come from the service's cache, as for the page drawn on the server).
  const apiTimes: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    await (await fetch(`${svc.url}/api/products?page=1&pageSize=12`)).json();
    apiTimes.push(performance.now() - t0);
  }

  // Load to interactive, each in a fresh context (nothing cached), and the JavaScript it needed.
  const loads: number[] = [];
  const firstResults: number[] = [];
  const walls: number[] = [];
  const interactive: number[] = [];
  let scriptBytes = 0;
  let scriptGzip = 0;
  for (let i = 0; i < LOADS + 1; i++) {
    const context = await browser.newContext({
      locale: 'ko-KR',
      viewport: { width: 1400, height: 1000 },
    });
    const page = await context.newPage();
    // The scripts' bytes are read on the first load only, which is not measured: reading response
    // bodies through the driver while the page loads would slow the load being measured.
    const scripts = new Map<string, Buffer>();
    if (i === 0)
      page.on('response', async (res) => {
        if (res.request().resourceType() === 'script' && res.ok())
          scripts.set(res.url(), await res.body());
      });
    const t0 = performance.now();
    await page.goto(`${svc.url}/`);
    // The page marks the frame after its first results were drawn (CatalogPage's READY_MARK). It
    // is read every 50 ms, not found by Playwright's locators, whose polling in the page would
    // compete with the load it measures. The page code is a string: the scripts compile without
    // the DOM's types.
    let ready = 0;
    while (!ready) {
      ready = Number(
        await page.evaluate(`performance.getEntriesByName('${READY_MARK}')[0]?.startTime ?? 0`),
      );
      if (!ready) await new Promise((r) => setTimeout(r, 50));
    }
    const t1 = performance.now();
    // What a reader sees and uses at that mark: result cards and the search box.
    await page.getByRole('article').first().waitFor();
    await page.getByRole('searchbox').waitFor();
    const nav = Number(
      await page.evaluate(`performance.getEntriesByType('navigation')[0].domInteractive`),
    );
    // The first paint had the cards only if the server drew them into the page it sent.
    const drawn = (await page.evaluate(
      `[performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0, (document.getElementById('mdx-ssr') !== null)]`,
    )) as [number, boolean];
    await page.waitForLoadState('networkidle');
    if (i > 0) {
      // The first load warms the service and the database, as a real visitor would not see.
      loads.push(ready);
      firstResults.push(drawn[1] ? drawn[0] : ready);
      walls.push(t1 - t0);
      interactive.push(nav);
    }
    if (i === 0) {
      scriptBytes = [...scripts.values()].reduce((a, b) => a + b.length, 0);
      scriptGzip = [...scripts.values()].reduce((a, b) => a + gzipSync(b).length, 0);
    }
    await context.close();
  }

  // Search round trips in one page: submit, then the result count and cards of the new search.
  // Playwright polls a condition with eval, which the app's CSP refuses; the bypass changes only that.
  const context = await browser.newContext({ locale: 'ko-KR', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${svc.url}/`);
  await page.getByRole('article').first().waitFor();
  const searches: number[] = [];
  if (process.env.BENCH_DEBUG) {
    page.on('request', (r) => console.log('request', r.url()));
    page.on('console', (m) => console.log('console', m.text()));
  }
  for (const q of SEARCHES) {
    const box = page.getByRole('searchbox');
    await box.fill(q);
    const t0 = performance.now();
    const answered = page.waitForResponse(
      (r) => r.url().includes('/api/products?') && r.url().includes('q='),
    );
    await box.press('Enter');
    await answered;
    await page.waitForFunction(
      `new URL(location.href).searchParams.get('q') === ${JSON.stringify(q)} && !!document.querySelector('article, [data-empty]')`,
    );
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
    searches.push(performance.now() - t0);
    if (process.env.BENCH_DEBUG) console.log(q, performance.now() - t0);
  }
  await context.close();

  console.log(`catalog of ${PRODUCTS.toLocaleString('en-US')} listed products at ${svc.url}`);
  console.log(
    `load to interactive (navigation start to the frame after the app took the page over, in a fresh browser context; median of ${LOADS}): ${round(median(loads))} ms; domInteractive ${round(median(interactive))} ms; seen from the test driver ${round(median(walls))} ms`,
  );
  console.log(
    `first results (the first paint, with the result cards and a working search box; median of ${LOADS}): ${round(median(firstResults))} ms`,
  );
  console.log(
    `search round trip in the page (median of ${searches.length}): ${round(median(searches))} ms, max ${round(Math.max(...searches))} ms`,
  );
  console.log(
    `JavaScript for the catalog route: ${Math.round(scriptBytes / 1024)} KB, ${Math.round(scriptGzip / 1024)} KB gzipped (goal under 300 KB)`,
  );
  console.log(
    JSON.stringify({
      products: PRODUCTS,
      loadToInteractiveMs: round(median(loads)),
      firstResultsMs: round(median(firstResults)),
      domInteractiveMs: round(median(interactive)),
      driverSeenMs: round(median(walls)),
      searchRoundTripMs: round(median(searches)),
      frontPageApiMs: round(median(apiTimes.slice(1))),
      catalogJsKb: Math.round(scriptBytes / 1024),
      catalogJsGzipKb: Math.round(scriptGzip / 1024),
    }),
  );
} finally {
  await browser.close();
  await svc.stop();
  await embedded.stop();
}
