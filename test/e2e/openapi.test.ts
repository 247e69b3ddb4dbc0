import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { buildOpenApiDocument } from '../../src/platform/openapi/openapi.js';
import { listRoutes } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FILE = path.resolve('openapi.json');
const CLIENT = path.resolve('src/web/api/openapi.gen.ts');

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is served at /api/docs-json and /api/docs', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    expect(json.body.info.title).toBe('Manufacturing Data Exchange API');
    const ui = await t.http().get('/api/docs/').redirects(1).expect(200);
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

  it('declares a success body for every operation that answers one, and its refusals with the Error schema', () => {
    const doc = buildOpenApiDocument(t.app);
    const problems: string[] = [];
    for (const [p, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item) as [string, typeof item.get][]) {
        const responses = op!.responses;
        const success = Object.keys(responses).filter((s) => s.startsWith('2'));
        if (!success.some((s) => s === '204' || 'content' in responses[s]!))
          problems.push(`${method} ${p}: no success body`);
        for (const s of ['400', '500', '503'])
          if (!responses[s]) problems.push(`${method} ${p}: no ${s}`);
        if (op!.security?.length && !responses['401']) problems.push(`${method} ${p}: no 401`);
      }
    expect(problems).toEqual([]);
  });

  it('matches the committed typed client (`npm run openapi` writes both)', async () => {
    const committed = await readFile(FILE, 'utf8');
    const generated = `${COMMENT_HEADER}${astToString(await openapiTS(JSON.parse(committed)))}`;
    if (process.env.UPDATE_OPENAPI === '1') await writeFile(CLIENT, generated);
    expect(await readFile(CLIENT, 'utf8').catch(() => '')).toBe(generated);
  });
});
