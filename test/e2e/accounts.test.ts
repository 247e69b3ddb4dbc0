import { SignJWT } from 'jose';
import { counts, login, operator, signUp } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
    });
  });
  afterAll(() => t.close());

  describe('sign-up', () => {
    it('creates a user, never returns the password hash, and records it in the audit trail', async () => {
      const res = await t
        .http()
        .post('/api/auth/signup')
        .send({
          email: '  Park@Factory.CO.KR ',
          password: 'a long enough password',
          name: ' 박지성 ',
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        email: 'park@factory.co.kr',
        name: '박지성',
        platformRoles: [],
        createdAt: expect.any(String),
      });
      const [audit] = await t.dataSource.query(`SELECT * FROM audit_entries WHERE entity_id = $1`, [
        res.body.id,
      ]);
      expect(audit).toMatchObject({
        action: 'user.signed_up',
        actor_id: res.body.id,
        request_id: res.headers['x-request-id'],
      });
      const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [
        res.body.id,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses a taken e-mail (in any case) with EMAIL_TAKEN and writes nothing', async () => {
      const before = await counts(t, ['users', 'audit_entries']);
      const res = await t
        .http()
        .post('/api/auth/signup')
        .send({ email: 'PARK@factory.co.kr', password: 'another long password', name: 'x' })
        .expect(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        code: 'EMAIL_TAKEN',
        messageKo: expect.any(String),
      });
      expect(await counts(t, ['users', 'audit_entries'])).toEqual(before);
    });

    it('lists every bad field at once and refuses unknown fields', async () => {
      const before = await counts(t, ['users']);
      const res = await t
        .http()
        .post('/api/auth/signup')
        .send({ email: 'nope', password: 'short', isAdmin: true })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual(['email', 'isAdmin', 'name', 'password']);
      expect(res.body.details.find((d: { field: string }) => d.field === 'name').problems).toEqual([
        'name is required',
      ]);
      expect(await counts(t, ['users'])).toEqual(before);
    });

    it('answers malformed JSON and oversized bodies with their own codes', async () => {
      const bad = await t
        .http()
        .post('/api/auth/signup')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(bad.body.code).toBe('MALFORMED_JSON');
      const huge = await t
        .http()
        .post('/api/auth/signup')
        .send({ email: 'big@test.local', password: 'x'.repeat(2_000_000), name: 'big' })
        .expect(413);
      expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('sign-in and tokens', () => {
    it('signs in, and GET /me shows roles and memberships', async () => {
      const user = await signUp(t, '이순신');
      const me = await t.http().get('/api/me').set(user.auth).expect(200);
      expect(me.body).toEqual({
        id: user.id,
        email: user.email,
        name: '이순신',
        platformRoles: [],
        memberships: [],
      });
    });

    it('ensures the configured operator at start', async () => {
      const op = await operator(t);
      const me = await t.http().get('/api/me').set(op.auth).expect(200);
      expect(me.body.platformRoles).toEqual(['operator']);
    });

    it('refuses a wrong password and an unknown account alike', async () => {
      const user = await signUp(t);
      const wrong = await t
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: 'not the password' })
        .expect(401);
      const unknown = await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'ghost@test.local', password: 'whatever it is' })
        .expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('rotates the refresh token on every use; the old one stops working', async () => {
      const user = await signUp(t);
      const first = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      await t
        .http()
        .get('/api/me')
        .set('Authorization', `Bearer ${first.body.accessToken}`)
        .expect(200);
      const second = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('a reused refresh token revokes the whole family, including the newest token', async () => {
      const user = await signUp(t);
      const rotated = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      const reuse = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(401);
      expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
      const afterTheft = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(401);
      expect(afterTheft.body.code).toBe('REFRESH_TOKEN_INVALID');
      const [audit] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'session.refresh_token_reused' AND entity_id = $1`,
        [user.id],
      );
      expect(audit.n).toBe(1);
      // A second sign-in starts a new family that works.
      const again = await login(t, user.email, user.password);
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: again.refreshToken })
        .expect(200);
    });

    it('two concurrent uses of one refresh token: at most one succeeds', async () => {
      const user = await signUp(t);
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          t.http().post('/api/auth/refresh').send({ refreshToken: user.refreshToken }),
        ),
      );
      expect(results.filter((r) => r.status === 200).length).toBe(1);
      expect(results.filter((r) => r.status === 401).length).toBe(2);
    });

    it('logout revokes the refresh token; another user cannot log you out', async () => {
      const user = await signUp(t);
      const other = await signUp(t);
      const stolen = await t
        .http()
        .post('/api/auth/logout')
        .set(other.auth)
        .send({ refreshToken: user.refreshToken })
        .expect(401);
      expect(stolen.body.code).toBe('REFRESH_TOKEN_INVALID');
      await t
        .http()
        .post('/api/auth/logout')
        .set(user.auth)
        .send({ refreshToken: user.refreshToken })
        .expect(204);
      const res = await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(401);
      expect(res.body.code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('refuses missing, forged, expired and malformed access tokens', async () => {
      const user = await signUp(t);
      const none = await t.http().get('/api/me').expect(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      const forged = await new SignJWT({ typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer('manufacturing-data-exchange')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('a different secret that is long enough!!'));
      expect(
        (await t.http().get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401)).body
          .code,
      ).toBe('UNAUTHENTICATED');
      const expired = await new SignJWT({ typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer('manufacturing-data-exchange')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(t.config.auth.jwtSecret));
      expect(
        (await t.http().get('/api/me').set('Authorization', `Bearer ${expired}`).expect(401)).body
          .code,
      ).toBe('TOKEN_EXPIRED');
      expect(
        (await t.http().get('/api/me').set('Authorization', 'Basic abc').expect(401)).body.code,
      ).toBe('UNAUTHENTICATED');
      expect(
        (
          await t
            .http()
            .get('/api/me')
            .set('Authorization', `Bearer ${user.refreshToken}`)
            .expect(401)
        ).body.code,
      ).toBe('UNAUTHENTICATED');
    });
  });

  describe('sign-in limits', () => {
    it('limits failures per account from one address with 429 and Retry-After, even with the right password', async () => {
      const user = await signUp(t);
      for (let i = 0; i < 3; i++)
        await t
          .http()
          .post('/api/auth/login')
          .set('X-Forwarded-For', '10.0.0.1')
          .send({ email: user.email, password: 'wrong password' })
          .expect(401);
      const blocked = await t
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(429);
      expect(blocked.body.code).toBe('RATE_LIMITED');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(
        t.config.auth.loginFailureWindowSeconds,
      );
    });

    it('lets many people sign in from one address', async () => {
      const users = [];
      for (let i = 0; i < 20; i++) users.push(await signUp(t, `직원${i}`));
      for (const u of users)
        await t
          .http()
          .post('/api/auth/login')
          .send({ email: u.email, password: u.password })
          .expect(200);
    });

    it('limits failures per address across accounts', async () => {
      // A separate app trusts X-Forwarded-For, so this test has an address of its own.
      const app = await startTestApp({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_ADDRESS: '4' });
      try {
        const ip = '203.0.113.7';
        for (let i = 0; i < 4; i++)
          await app
            .http()
            .post('/api/auth/login')
            .set('X-Forwarded-For', ip)
            .send({ email: `n${i}@test.local`, password: 'guess guess' })
            .expect(401);
        const res = await app
          .http()
          .post('/api/auth/login')
          .set('X-Forwarded-For', ip)
          .send({ email: 'n9@test.local', password: 'guess guess' })
          .expect(429);
        expect(res.body.code).toBe('RATE_LIMITED');
        // Another address is not affected.
        await app
          .http()
          .post('/api/auth/login')
          .set('X-Forwarded-For', '203.0.113.8')
          .send({ email: 'n9@test.local', password: 'guess guess' })
          .expect(401);
      } finally {
        await app.close();
      }
    });
  });

  describe('platform roles', () => {
    it('operators grant the evaluator role; others cannot', async () => {
      const op = await operator(t);
      const user = await signUp(t);
      const denied = await t
        .http()
        .put(`/api/users/${user.id}/platform-roles`)
        .set(user.auth)
        .send({ roles: ['operator'] })
        .expect(403);
      expect(denied.body.code).toBe('FORBIDDEN');
      const res = await t
        .http()
        .put(`/api/users/${user.id}/platform-roles`)
        .set(op.auth)
        .send({ roles: ['evaluator'] })
        .expect(200);
      expect(res.body.platformRoles).toEqual(['evaluator']);
      const me = await t.http().get('/api/me').set(user.auth).expect(200);
      expect(me.body.platformRoles).toEqual(['evaluator']);
      await t
        .http()
        .put(`/api/users/${user.id}/platform-roles`)
        .set(op.auth)
        .send({ roles: ['admin'] })
        .expect(400);
      const found = await t
        .http()
        .get('/api/users')
        .query({ email: user.email.toUpperCase() })
        .set(op.auth)
        .expect(200);
      expect(found.body).toMatchObject({ total: 1, items: [{ id: user.id }] });
    });

    it('an operator cannot demote themself', async () => {
      const op = await operator(t);
      const res = await t
        .http()
        .put(`/api/users/${op.id}/platform-roles`)
        .set(op.auth)
        .send({ roles: [] })
        .expect(409);
      expect(res.body.code).toBe('CONFLICT');
    });
  });
});
