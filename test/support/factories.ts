import { randomBytes, randomInt } from 'node:crypto';
import { businessNumberCheckDigit } from '../../src/modules/organizations/business-number.js';
import { OPERATOR, type TestClient } from './test-app.js';

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

export async function login(t: TestClient, email: string, password: string): Promise<TestUser> {
  const res = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
  const me = await t
    .http()
    .get('/api/me')
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

export async function signUp(t: TestClient, name = '김테스트'): Promise<TestUser> {
  const email = `user-${randomBytes(5).toString('hex')}@test.local`;
  const password = 'a sound test password';
  await t.http().post('/api/auth/signup').send({ email, password, name }).expect(201);
  return login(t, email, password);
}

export function operator(t: TestClient): Promise<TestUser> {
  return login(t, OPERATOR.email, OPERATOR.password);
}

export async function createOrganization(
  t: TestClient,
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
    .post('/api/organizations')
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
export async function counts(t: TestClient, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    out[table] = row.n;
  }
  return out;
}

/**
 * A signed-up admin with an organization the operator has verified (active, no tax arrears) and
 * whose category the operator confirmed (the declared one unless `verification` says otherwise).
 */
export async function verifiedOrganization(
  t: TestClient,
  op: TestUser,
  fields: Parameters<typeof createOrganization>[2] = {},
  verification: Record<string, unknown> = {},
) {
  const admin = await signUp(t);
  const org = await createOrganization(t, admin, fields);
  await t
    .http()
    .post(`/api/organizations/${org.id}/verification`)
    .set(op.auth)
    .send({
      businessStatus: 'ACTIVE',
      taxArrears: false,
      category: fields.category ?? 'SME',
      ...verification,
    })
    .expect(201);
  return { admin, org };
}

const DAY = 86_400_000;

/** A call of the given kind taking applications now (opened yesterday, closing in 30 days). */
export async function openProgram(
  t: TestClient,
  op: TestUser,
  kind: string,
  fields: Record<string, unknown> = {},
) {
  const res = await t
    .http()
    .post('/api/programs')
    .set(op.auth)
    .send({
      kind,
      title: `${kind} ${randomBytes(3).toString('hex')}`,
      applicationOpensAt: new Date(Date.now() - DAY).toISOString(),
      applicationClosesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      ...(kind === 'PROCESSOR_POOL' ? {} : { budgetKrw: 1_250_000_000, targetCount: 25 }),
      ...fields,
    })
    .expect(201);
  return res.body as {
    id: string;
    kind: string;
    terms: Record<string, unknown>;
    budgetKrw: number | null;
  };
}

export const plans = {
  PROCESSOR_POOL: {
    summary: '제조 공정 데이터 전처리·라벨링 전문 기업',
    staffCount: 12,
    technologies: ['PREPROCESSING', 'LABELLING', 'AI_MODELLING', 'QUALITY_VERIFICATION'],
    industries: ['29', '24'],
    references: ['2023 주조 공정 데이터 라벨링'],
    region: '대전',
  },
  PROCESSING_SUPPORT: {
    summary: '용해탱크 공정 데이터 상품화',
    dataDescription: '용해 온도, 교반 속도, 중량, 검사 결과 (1분 10건)',
    dataVolume: '약 80만 행',
    goals: '불량 예측 학습 데이터셋',
    requestedGovernmentKrw: 50_000_000,
  },
  PURCHASE_SUPPORT: {
    summary: '불량 예측 모델 학습용 데이터 구매',
    productsWanted: ['용해탱크 품질 예측 데이터셋'],
    intendedUse: '사내 품질 예측 모델 학습',
    requestedGovernmentKrw: 8_000_000,
  },
} as const;

/** A draft application of an organization to a call, with a plan fitting its kind. */
export async function apply(
  t: TestClient,
  admin: TestUser,
  programId: string,
  organizationId: string,
  kind: keyof typeof plans,
) {
  const res = await t
    .http()
    .post(`/api/programs/${programId}/applications`)
    .set(admin.auth)
    .send({ organizationId, plan: plans[kind] })
    .expect(201);
  return res.body as { id: string; status: string };
}

/** Ledger totals: every journal sums to zero, and the balances of one program. */
export async function ledger(t: TestClient, programId: string) {
  const [unbalanced] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM (SELECT journal_id FROM ledger_entries GROUP BY journal_id HAVING sum(amount_krw) <> 0) j`,
  );
  const [all] = await t.dataSource.query(
    `SELECT coalesce(sum(amount_krw), 0)::text AS total FROM ledger_entries`,
  );
  const rows: { account: string; total: string }[] = await t.dataSource.query(
    `SELECT account, sum(amount_krw)::text AS total FROM ledger_entries WHERE program_id = $1 GROUP BY account`,
    [programId],
  );
  const balance = (account: string) =>
    BigInt(rows.find((r) => r.account === account)?.total ?? '0');
  return {
    unbalancedJournals: unbalanced.n as number,
    grandTotal: BigInt(all.total),
    available: balance('PROGRAM_AVAILABLE'),
    committed: balance('PROGRAM_COMMITTED'),
    funding: balance('GOVERNMENT_FUNDING'),
  };
}

/** An application that went the whole way to SELECTED: drafted, submitted, scored by the operator, selected. */
export async function selectedApplication(
  t: TestClient,
  op: TestUser,
  admin: TestUser,
  programId: string,
  organizationId: string,
  kind: keyof typeof plans,
) {
  const app = await apply(t, admin, programId, organizationId, kind);
  await t.http().post(`/api/applications/${app.id}/submit`).set(admin.auth).expect(201);
  await t
    .http()
    .post(`/api/applications/${app.id}/evaluations`)
    .set(op.auth)
    .send(kind === 'PROCESSOR_POOL' ? { passed: true } : { score: 85 })
    .expect(201);
  await t
    .http()
    .post(`/api/applications/${app.id}/decision`)
    .set(op.auth)
    .send({ decision: 'selected', reason: '선정' })
    .expect(201);
  return app.id;
}

/** Gives a user the operator role, as an operator does through the API. */
export async function grantOperator(t: TestClient, op: TestUser, user: TestUser) {
  await t
    .http()
    .put(`/api/users/${user.id}/platform-roles`)
    .set(op.auth)
    .send({ roles: ['operator'] })
    .expect(200);
}

/** A new member of an organization who is then made an operator: conflicted on it. */
export async function memberMadeOperator(
  t: TestClient,
  op: TestUser,
  admin: TestUser,
  organizationId: string,
): Promise<TestUser> {
  const insider = await signUp(t);
  await addMember(t, admin, organizationId, insider);
  await grantOperator(t, op, insider);
  return insider;
}

/** A member by consent: the admin invites the user's e-mail, and the user accepts. */
export async function addMember(
  t: TestClient,
  admin: TestUser,
  organizationId: string,
  user: TestUser,
  role: 'admin' | 'member' = 'member',
) {
  const invitation = await t
    .http()
    .post(`/api/organizations/${organizationId}/invitations`)
    .set(admin.auth)
    .send({ email: user.email, role })
    .expect(201);
  await t.http().post(`/api/invitations/${invitation.body.id}/accept`).set(user.auth).expect(200);
}
