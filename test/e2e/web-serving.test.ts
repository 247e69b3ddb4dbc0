import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
