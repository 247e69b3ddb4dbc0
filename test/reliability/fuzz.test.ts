import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../../src/platform/openapi/openapi.js';
import {
  counts,
  openProgram,
  operator,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import { recordFigures } from '../support/figures.js';
import { listedKampProduct } from '../support/market.js';
import { listRoutes } from '../support/routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { sha256 } from '../support/uploads.js';

/**
 * Bad input never makes a 500. Every route the application registers is called with random
 * input: path parameters, query strings and JSON bodies built from the field names the OpenAPI
 * document gives, filled with full-Unicode strings (lone surrogates, NUL, bidi controls), huge,
 * negative and fractional numbers, nulls, arrays and objects; as an operator and as an org admin.
 * Then each input that once answered 500 (issue 14) is tried by name.
 */
describe('fuzzing every route', () => {
  let t: TestApp;
  let op: TestUser;
  let admin: TestUser;
  let ids: Record<string, string>;
  let requests = 0;

  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    const listed = await listedKampProduct(t, { priceKrw: 1_000_000, license: 'COMMERCIAL' });
    admin = listed.seller;
    const buyer = await verifiedOrganization(t, op, { representativeName: '퍼즈' });
    const program = await openProgram(t, op, 'PURCHASE_SUPPORT');
    const upload = await t
      .http()
      .post(`/api/datasets/${listed.datasetId}/versions`)
      .set(admin.auth)
      .send({})
      .expect(201);
    const started = await t
      .http()
      .post(`/api/datasets/${listed.datasetId}/versions/${upload.body.version}/files`)
      .set(admin.auth)
      .send({
        name: 'f.csv',
        sizeBytes: 4,
        sha256: sha256(Buffer.from('a,b\n')),
        contentType: 'text/csv',
      })
      .expect(201);
    ids = {
      organization: listed.organizationId,
      buyer: buyer.org.id,
      program: program.id,
      dataset: listed.datasetId,
      product: listed.productId,
      file: listed.fileId,
      upload: started.body.uploadId,
      user: admin.id,
    };
  }, 60_000);
  afterAll(() => t.close());

  /** Strings that broke services before: NUL, lone surrogates, bidi controls, odd numbers as text. */
  const nasty = fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '\u202Egnp.exe',
    '\u200B',
    '\u0085',
    '1e20',
    '99999999999',
    '-1',
    '0',
    '-'.repeat(36),
    'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
    '00000000-0000-4000-8000-000000000000',
    'text/csv; x=가',
    'text/csv;\tx=y',
    '%00',
    '=HYPERLINK("x")',
    '가'.repeat(300),
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    nasty,
  );
  const scalar = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.constant(1e20),
    fc.constant(Number.MAX_SAFE_INTEGER * 4),
    fc.constant(9_007_199_254_740_991),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }) },
  );

  /** What a path parameter is: a real id of the right kind, or something else entirely. */
  function pathValue(name: string) {
    const real = ids[name === 'id' ? 'organization' : name.replace(/Id$/, '')];
    return fc.oneof(
      fc.constantFrom(...Object.values(ids), ...(real ? [real, real, real] : [])),
      fc.constantFrom('1', 'PROCESSING', '55', '99999999999', '0', '-1'),
      nasty,
    );
  }

  /** Query string: each value as text, encoded byte by byte so NUL and broken UTF-8 arrive as sent. */
  const encode = (v: unknown) =>
    [...Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8')]
      .map((b) => `%${b.toString(16).padStart(2, '0')}`)
      .join('');

  it('answers every random input at every route with a 4xx (or success) in the error shape, never a 500', async () => {
    const doc = buildOpenApiDocument(t.app);
    const schemas = doc.components?.schemas ?? {};
    const operationOf = (method: string, path: string) =>
      (doc.paths[path.replace(/:(\w+)/g, '{$1}')] as Record<string, Record<string, unknown>>)?.[
        method
      ] as
        | {
            parameters?: { name: string; in: string }[];
            requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
          }
        | undefined;
    const fieldsOf = (ref: string | undefined) => {
      const schema = ref ? (schemas[ref.split('/').pop()!] as { properties?: object }) : undefined;
      return Object.keys(schema?.properties ?? {});
    };
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(90);
    const failures: string[] = [];
    for (const route of routes) {
      const operation = operationOf(route.method, route.path);
      const fields = fieldsOf(operation?.requestBody?.content?.['application/json']?.schema?.$ref);
      const query = (operation?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const input = fc.record({
        path: fc.tuple(...params.map(pathValue), fc.constant('')),
        query: fc.dictionary(fc.constantFrom(...query, 'extra'), value, { maxKeys: 4 }),
        body: fc.dictionary(fc.constantFrom(...fields, 'extra', '__proto__'), value, {
          maxKeys: 8,
        }),
        who: fc.constantFrom('op', 'admin', 'none'),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ path, query: q, body, who }) => {
          let i = 0;
          const url =
            route.path.replace(/:(\w+)/g, () => encode(String(path[i++]))) +
            (Object.keys(q).length
              ? `?${Object.entries(q)
                  .map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`)
                  .join('&')}`
              : '');
          const call = t.http()[route.method as 'post'](url);
          if (who !== 'none') call.set((who === 'op' ? op : admin).auth);
          if (route.path.endsWith('/webhook')) call.set('Stripe-Signature', 't=1,v1=00');
          const res = ['get', 'delete'].includes(route.method)
            ? await call
            : await call.set('Content-Type', 'application/json').send(JSON.stringify(body));
          requests++;
          if (res.status >= 500) {
            failures.push(
              `${route.method.toUpperCase()} ${url} ${JSON.stringify(body)}: ${res.status} ${res.text}`,
            );
            return;
          }
          const shaped =
            res.body &&
            res.body.statusCode === res.status &&
            typeof res.body.code === 'string' &&
            typeof res.body.message === 'string';
          if (res.status >= 400 && !shaped)
            failures.push(
              `${route.method.toUpperCase()} ${url}: ${res.status} not in the error shape: ${res.text.slice(0, 200)}`,
            );
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 20) },
      );
    }
    expect(failures).toEqual([]);
    recordFigures('fuzzing (every route)', {
      requests,
      fiveHundreds: failures.length,
      attacks: requests,
    });
  }, 240_000);

  it('each input that once answered 500 answers 400 naming its field, and changes nothing', async () => {
    const tables = ['organizations', 'products', 'dataset_files', 'orders', 'audit_entries'];
    const before = await counts(t, tables);
    const file = (contentType: string) =>
      t
        .http()
        .post(`/api/datasets/${ids.dataset}/versions/2/files`)
        .set(admin.auth)
        .send({
          name: `${randomUUID()}.csv`,
          sizeBytes: 4,
          sha256: sha256(Buffer.from('a,b\n')),
          contentType,
        });
    const cases: [
      string,
      () => PromiseLike<{ status: number; body: { details?: { field: string }[] } }>,
      string,
    ][] = [
      ['contentType with a Korean parameter', () => file('text/csv; x=가'), 'contentType'],
      ['contentType with a tab', () => file('text/csv;\tx=y'), 'contentType'],
      ['contentType with a control character', () => file('text/csv\u0007'), 'contentType'],
      [
        'a NUL in a body string',
        () =>
          t
            .http()
            .patch(`/api/products/${ids.product}`)
            .set(admin.auth)
            .send({ title: 'a\u0000b' }),
        'title',
      ],
      [
        'a lone surrogate in a body string',
        () =>
          t
            .http()
            .patch(`/api/products/${ids.product}`)
            .set(admin.auth)
            .set('Content-Type', 'application/json')
            .send('{"description":"x\\ud800y"}'),
        'description',
      ],
      ['page=1e20', () => t.http().get('/api/products?page=1e20'), 'page'],
      ['minPriceKrw=1e20', () => t.http().get('/api/products?minPriceKrw=1e20'), 'minPriceKrw'],
      [
        'a 36-character non-UUID id in a query',
        () =>
          t
            .http()
            .get(`/api/vouchers?organizationId=${'-'.repeat(36)}`)
            .set(admin.auth),
        'organizationId',
      ],
      [
        'version 99999999999',
        () => t.http().get(`/api/datasets/${ids.dataset}/versions/99999999999`).set(admin.auth),
        'version',
      ],
      [
        'a null price',
        () =>
          t.http().patch(`/api/products/${ids.product}`).set(admin.auth).send({ priceKrw: null }),
        'priceKrw',
      ],
      ['q=%00', () => t.http().get('/api/organizations?q=%00').set(op.auth), 'q'],
      [
        'a refresh token whose id is 36 dashes',
        () =>
          t
            .http()
            .post('/api/auth/refresh')
            .send({ refreshToken: `${'-'.repeat(36)}.${'a'.repeat(43)}` }),
        'refreshToken',
      ],
      [
        'an evaluator id of 36 dashes',
        () =>
          t
            .http()
            .post(`/api/programs/${ids.program}/evaluators`)
            .set(op.auth)
            .send({ userId: '-'.repeat(36) }),
        'userId',
      ],
    ];
    const wrong: string[] = [];
    for (const [what, send, field] of cases) {
      const res = await send();
      requests++;
      const named = res.body.details?.some((d) => d.field === field);
      if (res.status !== 400 || !named)
        wrong.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
    // The vouchers list ignored the bad id before; it must now refuse it (above) and the rest
    // of the cases must not have written anything.
    expect(await counts(t, tables)).toEqual(before);
  });

  it('a body that is not JSON (plain text, a form) answers 415, not "every field is required"', async () => {
    for (const [type, body] of [
      ['text/plain', '{"email":"a@b.kr","password":"x"}'],
      ['application/x-www-form-urlencoded', 'email=a%40b.kr&password=x'],
    ]) {
      const res = await t
        .http()
        .post('/api/auth/login')
        .set('Content-Type', type)
        .send(body)
        .expect(415);
      expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(res.body.message).toContain('application/json');
      requests++;
    }
    // A JSON type with parameters, or no body at all, is fine.
    await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send('{"email":"a@b.kr","password":"wrong one"}')
      .expect(401);
  });

  it('JSON nested 480,000 levels deep is refused before it is parsed, twenty at once, and the service keeps answering', async () => {
    const deep = '['.repeat(480_000) + ']'.repeat(480_000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http().post('/api/auth/login').set('Content-Type', 'application/json').send(deep),
      ),
    );
    requests += 20;
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(400));
    expect(answers[0].body.message).toContain('nested more than 32 levels');
    await t.http().get('/health').expect(200);
    // Brackets inside strings are text, not nesting.
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'a@b.kr', password: '['.repeat(100) })
      .expect(401);
    recordFigures('fuzzing (known inputs, deep JSON)', {
      requests: 0,
      fiveHundreds: 0,
      attacks: 34,
    });
  }, 60_000);
});
