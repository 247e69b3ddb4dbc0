import { randomBytes, randomInt } from 'node:crypto';
import { businessNumberCheckDigit } from '../../src/modules/organizations/business-number.js';
import { OPERATOR, type TestApp } from './test-app.js';

/** A random business registration number with a correct check digit. */
export function businessNumber(): string {
  const nine = Array.from({ length: 9 }, () => randomInt(10)).join('');
  return nine + businessNumberCheckDigit(nine);
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export async function login(t: TestApp, email: string, password: string): Promise<TestUser> {
  const res = await t.http().post('/auth/login').send({ email, password }).expect(200);
  const me = await t
    .http()
    .get('/me')
    .set('Authorization', `Bearer ${res.body.accessToken}`)
    .expect(200);
  return {
    id: me.body.id,
    email,
    password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

export async function signUp(t: TestApp, name = '김테스트'): Promise<TestUser> {
  const email = `user-${randomBytes(5).toString('hex')}@test.local`;
  const password = 'a sound test password';
  await t.http().post('/auth/signup').send({ email, password, name }).expect(201);
  return login(t, email, password);
}

export function operator(t: TestApp): Promise<TestUser> {
  return login(t, OPERATOR.email, OPERATOR.password);
}

export async function createOrganization(
  t: TestApp,
  admin: TestUser,
  fields: Partial<{
    name: string;
    registrationNumber: string;
    representativeName: string;
    category: string;
    industryCode: string;
  }> = {},
) {
  const res = await t
    .http()
    .post('/organizations')
    .set(admin.auth)
    .send({
      name: '한빛정밀',
      registrationNumber: businessNumber(),
      representativeName: '홍길동',
      category: 'SME',
      industryCode: '29294',
      ...fields,
    })
    .expect(201);
  return res.body as { id: string; name: string; registrationNumber: string };
}

/** Row counts of the given tables, to assert that a refused request wrote nothing. */
export async function counts(t: TestApp, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = row.n;
  }
  return out;
}
