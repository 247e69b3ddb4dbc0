import fc from 'fast-check';
import {
  createOrganization,
  openProgram,
  operator,
  signUp,
  type TestUser,
} from '../support/factories.js';
import { recordFigures } from '../support/figures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Bad input never makes a 500: random JSON (wrong types, missing and unknown fields, huge and
 * negative numbers, odd strings) at the main write routes, as an operator and as an org admin.
 */
describe('fuzzing the write routes', () => {
  let t: TestApp;
  let op: TestUser;
  let admin: TestUser;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
    admin = await signUp(t);
    const org = await createOrganization(t, admin);
    const program = await openProgram(t, op, 'PURCHASE_SUPPORT');
    ids = { org: org.id, program: program.id };
  });
  afterAll(() => t.close());

  const value = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(Number.MAX_SAFE_INTEGER * 4),
    fc.constant(-1),
    fc.constant('00000000-0000-4000-8000-000000000000'),
    fc.array(fc.string(), { maxLength: 3 }),
  );
  const body = (fields: string[]) =>
    fc.dictionary(
      fc.constantFrom(...fields, 'extra', '__proto__'),
      fc.oneof(value, fc.object({ maxDepth: 2 })),
      { maxKeys: 8 },
    );

  const routes = (): [string, string, string[], 'op' | 'admin' | 'none'][] => [
    ['post', '/auth/signup', ['email', 'password', 'name'], 'none'],
    ['post', '/auth/login', ['email', 'password'], 'none'],
    ['post', '/auth/refresh', ['refreshToken'], 'none'],
    [
      'post',
      '/organizations',
      ['name', 'registrationNumber', 'representativeName', 'category', 'industryCode', 'region'],
      'admin',
    ],
    [
      'post',
      `/organizations/${ids.org}/verification`,
      ['businessStatus', 'taxArrears', 'category', 'note'],
      'op',
    ],
    [
      'post',
      '/programs',
      [
        'kind',
        'title',
        'budgetKrw',
        'targetCount',
        'applicationOpensAt',
        'applicationClosesAt',
        'terms',
      ],
      'op',
    ],
    ['post', `/programs/${ids.program}/applications`, ['organizationId', 'plan'], 'admin'],
    ['post', '/datasets', ['organizationId', 'title', 'dataType', 'tags', 'industryCode'], 'admin'],
    ['post', '/products', ['datasetId', 'version', 'title', 'priceKrw', 'license'], 'admin'],
    ['post', '/orders/quote', ['productId', 'voucherId', 'organizationId'], 'admin'],
    ['post', '/orders', ['productId', 'voucherId', 'organizationId', 'expectedPriceKrw'], 'admin'],
    ['post', '/payments/stripe/webhook', ['id', 'type', 'data'], 'none'],
  ];

  it('answers every random body with a 4xx in the error shape, never a 500', async () => {
    let tried = 0;
    for (const [method, path, fields, who] of routes()) {
      await fc.assert(
        fc.asyncProperty(body(fields), async (payload) => {
          const call = t.http()[method as 'post'](path);
          if (who !== 'none') call.set((who === 'op' ? op : admin).auth);
          const res = await call.send(payload);
          tried++;
          if (res.status >= 500)
            throw new Error(
              `${path} answered ${res.status} to ${JSON.stringify(payload)}: ${res.text}`,
            );
          if (res.status >= 400)
            expect(res.body).toMatchObject({
              statusCode: res.status,
              code: expect.any(String),
              message: expect.any(String),
            });
        }),
        { numRuns: 40 },
      );
    }
    expect(tried).toBe(routes().length * 40);
    recordFigures('fuzzing', { requests: tried, fiveHundreds: 0 });
  });
});
