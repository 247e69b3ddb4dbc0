import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { asBuffer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The API under /api, the web app on every other path, from one origin. */
describe('one origin for the web app and the API', () => {
  let t: TestApp;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mdx-web-'));
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>거래소</title>');
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await startTestApp({ WEB_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the app for its own paths, so a deep link opens the page', async () => {
    for (const url of ['/', '/products/3f2c', '/purchases?tab=orders']) {
      const res = await t.http().get(url).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('거래소');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year, and a missing one is a 404, not the app', async () => {
    const js = await t.http().get('/assets/app-abc123.js').expect(200);
    expect(js.headers['cache-control']).toContain('immutable');
    const gone = await t.http().get('/assets/app-old999.js').expect(404);
    expect(gone.text).not.toContain('거래소');
  });

  it('keeps /api for the API (an unknown API path is a JSON 404) and /health on both', async () => {
    const unknown = await t.http().get('/api/no/such').expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    await t.http().get('/health').expect(200);
    const inside = await t.http().get('/api/health').expect(200);
    expect(inside.body.status).toBe('ok');
    // A write outside /api is no page and no route.
    await t.http().post('/products').send({}).expect(404);
  });

  it('tells the card step where to confirm (the local emulator here)', async () => {
    const res = await t.http().get('/api/payments/card-step').expect(200);
    expect(res.body).toEqual({
      provider: 'emulator',
      publishableKey: 'pk_test_local',
      emulatorUrl: `http://127.0.0.1:${t.config.stripe.emulatorPort}`,
    });
    // The page may reach storage (uploads) and the emulator, and nothing else off its origin.
    const csp = (await t.http().get('/')).headers['content-security-policy'];
    const storage = new URL(t.config.storage.endpoint!).origin;
    expect(csp).toContain(
      `connect-src 'self' ${storage} http://127.0.0.1:${t.config.stripe.emulatorPort};`,
    );
  });
});

/**
 * The front page drawn on the server by the app's renderer (`<WEB_DIR>-ssr/entry-server.js`, here
 * a stand-in with the same signature), and the app's scripts sent compressed.
 */
describe('the front page drawn on the server', () => {
  let t: TestApp;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mdx-web-'));
  const template =
    '<!doctype html><html lang="ko"><head><title>거래소</title></head><body><div id="root"></div></body></html>';
  beforeAll(async () => {
    mkdirSync(path.join(dir, 'web', 'assets'), { recursive: true });
    mkdirSync(path.join(dir, 'web-ssr'));
    writeFileSync(path.join(dir, 'web', 'index.html'), template);
    const script = 'console.log("the app");'.repeat(50);
    writeFileSync(path.join(dir, 'web', 'assets', 'app-abc123.js'), script);
    writeFileSync(path.join(dir, 'web', 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(dir, 'web', 'assets', 'app-abc123.js.gz'), gzipSync(script));
    // It asks the API at the origin it is given, as the real one does for the catalog's search.
    writeFileSync(
      path.join(dir, 'web-ssr', 'entry-server.js'),
      `export async function renderCatalog(url, origin, lang, headers) {
        if (url.searchParams.get('q') === 'none') return null;
        if (url.searchParams.get('q') === 'broken') throw new Error('the renderer failed');
        const health = await (await fetch(origin + '/health', { headers })).json();
        return {
          html: '<main>' + lang + ' ' + url.searchParams.get('q') + ' ' + health.status + ' ' + headers['X-Request-Id'] + '</main>',
          state: '<script type="application/json" id="mdx-ssr">{}</script>',
        };
      }`,
    );
    t = await startTestApp({ WEB_DIR: path.join(dir, 'web') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the catalog in the reader language, asking the API over its own address, with the page request id', async () => {
    const res = await t.http().get('/?q=용해').set('X-Request-Id', 'front-page-1').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain(
      '<div id="root"><main>ko 용해 ok front-page-1</main></div><script type="application/json" id="mdx-ssr">{}</script></body></html>',
    );
    expect(res.text.startsWith('<!doctype html><html lang="ko">')).toBe(true);
    const english = await t.http().get('/?q=x').set('Cookie', 'other=1; mdx.lang=en').expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('<main>en x ok');
    // Only the front page: a deep link is the app's empty page, drawn in the browser.
    const deep = await t.http().get('/products/3f2c').expect(200);
    expect(deep.text).toBe(template);
  });

  it('sends the empty page, for the browser to draw, when the catalog cannot be drawn', async () => {
    for (const q of ['none', 'broken']) {
      const res = await t.http().get(`/?q=${q}`).expect(200);
      expect(res.text).toBe(template);
    }
    await t.http().get('/health').expect(200); // and the service goes on
  });

  it('sends a script compressed to a browser that takes it, and as it is to one that does not', async () => {
    const br = await t
      .http()
      .get('/assets/app-abc123.js')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    // Sent as brotli (superagent decodes it, as a browser does): the script's own bytes.
    expect((br.body as Buffer).toString()).toBe('console.log("the app");'.repeat(50));
    const plain = await t.http().get('/assets/app-abc123.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toContain('console.log("the app")');
  });
});
