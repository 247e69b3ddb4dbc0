import { listRoutes, samplePath } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('access control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the routes (the walk itself works)', () => {
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'post', path: '/api/organizations/:id/verification' }),
    );
  });

  it('every route declares who may call it', () => {
    const undeclared = listRoutes(t.app)
      .filter(
        (r) =>
          !r.access ||
          !(r.access.public || r.access.authenticated || r.access.roles?.length || r.access.org),
      )
      .map((r) => `${r.method.toUpperCase()} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('every route that is not public refuses an anonymous caller with 401 UNAUTHENTICATED', async () => {
    const closed = listRoutes(t.app).filter((r) => !r.access?.public);
    const answers = [];
    for (const r of closed) {
      const res = await t.http()[r.method as 'get'](samplePath(r.path)).send({});
      answers.push(`${r.method.toUpperCase()} ${r.path} -> ${res.status} ${res.body.code}`);
    }
    expect(answers).toEqual(
      closed.map((r) => `${r.method.toUpperCase()} ${r.path} -> 401 UNAUTHENTICATED`),
    );
  });

  it('public routes let an anonymous caller in (an unknown id is a 404, never a 401 or 403)', async () => {
    const open = listRoutes(t.app).filter((r) => r.access?.public && r.method === 'get');
    for (const r of open) {
      const { status } = await t.http().get(samplePath(r.path));
      expect([r.path, status]).toEqual([r.path, r.path.includes(':') ? 404 : 200]);
    }
  });

  it('the health check says which mode each part runs in', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { ok: true, mode: 'external' },
      storage: { ok: true, mode: 'external', bucket: t.config.storage.bucket },
    });
  });

  it('every response carries a request id, and a sane one from the caller is kept', async () => {
    const res = await t.http().get('/health').set('X-Request-Id', 'trace-abc.123');
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    const odd = await t.http().get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an unknown route is a 404 in the error shape', async () => {
    const res = await t.http().get('/api/no/such/route').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'There is no route GET /api/no/such/route. See /api/docs for the API.',
      messageKo: expect.any(String),
    });
  });
});
