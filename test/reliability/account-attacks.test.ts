import { login, signUp } from '../support/factories.js';
import { recordFigures, tally } from '../support/figures.js';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Attacks on accounts that once worked (issue 14): parallel password guessing, locking someone
 * else out, access tokens outliving their session, mass sign-up, look-alike e-mail addresses.
 * The app trusts X-Forwarded-For, so each test plays several addresses.
 */
describe('integrity: attacks on accounts are refused', () => {
  let t: TestApp;
  let tallied: ReturnType<typeof tally>;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '30',
      LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES: '12',
      AUTH_CACHE_SECONDS: '1',
    });
    tallied = tally(t);
  });
  afterAll(async () => {
    recordFigures('integrity (accounts)', tallied.figures);
    await t.close();
  });

  const signIn = (email: string, password: string, from: string) =>
    tallied
      .attack()
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', from)
      .send({ email, password });

  it('100 concurrent guesses at one account from one address: at most LOGIN_MAX_FAILURES_PER_ACCOUNT passwords are checked, the right one among the rest refused', async () => {
    const user = await signUp(t);
    const guesses = Array.from({ length: 100 }, (_, i) =>
      signIn(user.email, i === 99 ? user.password : `wrong guess ${i}`, '198.51.100.1'),
    );
    const answers = await Promise.all(guesses);
    const checked = answers.filter((r) => r.status !== 429);
    expect(checked.length).toBeLessThanOrEqual(t.config.auth.loginMaxFailuresPerAccount);
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(95);
    expect(answers[99].status).toBe(429);
    expect(answers.every((r) => [401, 429].includes(r.status))).toBe(true);
  });

  it("failures from one address do not lock the owner out from another: not even the operator's account", async () => {
    for (let i = 0; i < 5; i++)
      expect((await signIn(OPERATOR.email, 'not the password', '203.0.113.66')).status).toBe(401);
    const locked = await signIn(OPERATOR.email, OPERATOR.password, '203.0.113.66');
    expect(locked.status).toBe(429);
    expect(locked.body.message).toContain('this account from your address');
    const owner = await tallied.client
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '192.0.2.10')
      .send({ email: OPERATOR.email, password: OPERATOR.password })
      .expect(200);
    expect(owner.body.accessToken).toEqual(expect.any(String));
  });

  it('guessing spread over many addresses: past LOGIN_MAX_FAILURES_PER_ACCOUNT_ALL_ADDRESSES only addresses the account signed in from may try', async () => {
    const user = await signUp(t);
    await tallied.client
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '192.0.2.50')
      .send({ email: user.email, password: user.password })
      .expect(200);
    // Three addresses, four guesses each: twelve failures of one account.
    for (const ip of ['198.51.100.21', '198.51.100.22', '198.51.100.23'])
      for (let i = 0; i < 4; i++)
        expect((await signIn(user.email, `guess ${i}`, ip)).status).toBe(401);
    const fresh = await signIn(user.email, user.password, '198.51.100.99');
    expect(fresh.status).toBe(429);
    expect(fresh.body.message).toContain('addresses it has not signed in from before');
    await tallied.client
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '192.0.2.50')
      .send({ email: user.email, password: user.password })
      .expect(200);
  });

  it("an access token stops working when its session is signed out or its refresh token's theft is detected", async () => {
    const user = await signUp(t);
    await tallied.client.http().get('/api/me').set(user.auth).expect(200);
    await tallied.client
      .http()
      .post('/api/auth/logout')
      .set(user.auth)
      .send({ refreshToken: user.refreshToken })
      .expect(204);
    const after = await tallied.attack().http().get('/api/me').set(user.auth).expect(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');

    // A thief replays a used refresh token: the whole session ends, its access tokens with it.
    const victim = await login(t, user.email, user.password);
    const rotated = await tallied.client
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: victim.refreshToken })
      .expect(200);
    const current = { Authorization: `Bearer ${rotated.body.accessToken}` };
    await tallied.client.http().get('/api/me').set(current).expect(200);
    await tallied
      .attack()
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: victim.refreshToken })
      .expect(401);
    await tallied.attack().http().get('/api/me').set(current).expect(401);
    await tallied.attack().http().get('/api/me').set(victim.auth).expect(401);
  });

  it('a session ended elsewhere (another instance) reaches the access token within AUTH_CACHE_SECONDS', async () => {
    const user = await signUp(t);
    await tallied.client.http().get('/api/me').set(user.auth).expect(200);
    // What another instance's logout writes, without telling this one.
    await t.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1`, [
      user.id,
    ]);
    await new Promise((r) => setTimeout(r, t.config.auth.principalCacheSeconds * 1000 + 100));
    await tallied.attack().http().get('/api/me').set(user.auth).expect(401);
  });

  it('sign-ups are limited per address (SIGNUP_MAX_PER_ADDRESS), and another address is not', async () => {
    // An app of its own: every other test here signs its users up from 127.0.0.1.
    const app = await startTestApp({ TRUST_PROXY: 'true', SIGNUP_MAX_PER_ADDRESS: '3' });
    const own = tally(app);
    const signup = (ip: string, i: number) =>
      own
        .attack()
        .http()
        .post('/api/auth/signup')
        .set('X-Forwarded-For', ip)
        .send({ email: `mass${i}-${ip}@test.local`, password: 'a long password', name: '대량' });
    for (let i = 0; i < 3; i++) expect((await signup('198.51.100.200', i)).status).toBe(201);
    const refused = await signup('198.51.100.200', 3);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.messageKo).toContain('계정');
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE email LIKE 'mass%-198.51.100.200@test.local'`,
    );
    expect(n).toBe(3);
    expect((await signup('198.51.100.201', 0)).status).toBe(201);
    recordFigures('integrity (sign-up limit)', own.figures);
    await app.close();
  });

  it('an e-mail address that mixes scripts (a Cyrillic і in a Latin address) is refused, naming the field', async () => {
    const res = await tallied
      .attack()
      .http()
      .post('/api/auth/signup')
      .set('X-Forwarded-For', '198.51.100.77')
      .send({ email: 'operator@exchange.loc\u0430l', password: 'a long password', name: '가짜' })
      .expect(400);
    expect(res.body.details).toEqual([
      { field: 'email', problems: [expect.stringContaining('mixes Cyrillic and Latin')] },
    ]);
    await tallied
      .attack()
      .http()
      .post('/api/auth/signup')
      .set('X-Forwarded-For', '198.51.100.77')
      .send({ email: '\u0456van@example.com', password: 'a long password', name: '가짜' })
      .expect(400);
  });
});
