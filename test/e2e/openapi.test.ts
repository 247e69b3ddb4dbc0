import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildOpenApiDocument } from '../../src/platform/openapi/openapi.js';
import { listRoutes } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FILE = path.resolve('openapi.json');

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is served at /docs-json and /docs', async () => {
    const json = await t.http().get('/docs-json').expect(200);
    expect(json.body.info.title).toBe('Manufacturing Data Exchange API');
    const ui = await t.http().get('/docs/').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('documents every route', async () => {
    const doc = buildOpenApiDocument(t.app);
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const missing = listRoutes(t.app)
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it('matches the committed openapi.json (run `npm run openapi` after changing the API)', async () => {
    const generated = JSON.stringify(buildOpenApiDocument(t.app), null, 2) + '\n';
    if (process.env.UPDATE_OPENAPI === '1') await writeFile(FILE, generated);
    const committed = await readFile(FILE, 'utf8').catch(() => '');
    expect(committed).toBe(generated);
  });
});
