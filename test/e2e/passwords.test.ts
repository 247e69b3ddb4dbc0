import { counts, login, signUp, type TestUser } from '../support/factories.js';
import { mailsTo } from '../support/mailbox.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp, WITH_MAIL } from '../support/test-app.js';

describe('passwords: forgotten and changed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(WITH_MAIL());
  });
  afterAll(() => t.close());

  const askReset = (email: string) =>
    t.http().post('/api/auth/password-reset').send({ email }).expect(204);
  const confirm = (token: string, password: string) =>
    t.http().post('/api/auth/password-reset/confirm').send({ token, password });

  /** The reset links mailed to a person so far, oldest first. */
  async function linksTo(user: TestUser, count: number): Promise<string[]> {
    let links: string[] = [];
    await eventually(`${count} reset mail(s) to ${user.email}`, async () => {
      const mails = (await mailsTo(user.email)).filter((m) => m.subject.includes('비밀번호'));
      links = mails.map((m) => /(\S+\/reset-password\?token=\S+)/.exec(m.text)![1]).reverse();
      return links.length >= count;
    });
    return links;
  }
  const tokenOf = (link: string) => decodeURIComponent(new URL(link).searchParams.get('token')!);
  /** Waits for the notice that the password changed, and answers how many there are. */
  async function changedNotices(user: TestUser, count: number): Promise<number> {
    let n = 0;
    await eventually(`${count} password-changed notice(s) to ${user.email}`, async () => {
      const mails = await mailsTo(user.email);
      n = mails.filter((m) => m.subject.includes('비밀번호가 바뀌었습니다')).length;
      return n >= count;
    });
    return n;
  }

  it("the mail's link sets a new password once; every session ends and the old password stops working", async () => {
    const user = await signUp(t);
    const elsewhere = await login(t, user.email, user.password);
    await askReset(`  ${user.email.toUpperCase()} `);
    const [link] = await linksTo(user, 1);
    expect(link.startsWith(`${t.config.mail.publicUrl}/reset-password?token=`)).toBe(true);
    const token = tokenOf(link);
    // No job row keeps the secret: only its hash is stored, on the request's row.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE data::text LIKE $1`,
      [`%${token.split('.')[1]}%`],
    );
    expect(n).toBe(0);

    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    const refused = await confirm(forged, 'a brand new password').expect(400);
    expect(refused.body).toMatchObject({ code: 'RESET_TOKEN_INVALID' });
    expect(refused.body.messageKo).toContain('새 링크를 요청해 주세요');
    expect((await confirm(token, 'short').expect(400)).body.details[0].field).toBe('password');

    await confirm(token, 'a brand new password').expect(204);
    for (const session of [user, elsewhere]) {
      await t.http().get('/api/me').set(session.auth).expect(401);
      await t
        .http()
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
    }
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(401);
    await login(t, user.email, 'a brand new password');
    // The owner hears of it, with the way to reset it if it was not them.
    expect(await changedNotices(user, 1)).toBe(1);
    const [notice] = (await mailsTo(user.email)).filter((m) =>
      m.subject.includes('비밀번호가 바뀌었습니다'),
    );
    expect(notice.text).toContain(`${t.config.mail.publicUrl}/forgot-password`);
    // Once only.
    expect((await confirm(token, 'yet another password').expect(400)).body.code).toBe(
      'RESET_TOKEN_INVALID',
    );
    const actions = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE entity_id = $1 AND action LIKE 'user.password%' ORDER BY at`,
      [user.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'user.password_reset_requested',
      'user.password_reset',
    ]);
  });

  it('answers an unknown address as a known one, with no mail; only the newest link works, for 30 minutes; asking is limited either way', async () => {
    const user = await signUp(t);
    const nobody = `nobody-${Date.now()}@test.local`;
    const before = await counts(t, ['password_resets', 'audit_entries']);
    await askReset(nobody);
    // The request's job looked, found no account, and recorded and mailed nothing.
    await eventually('the request for an unknown address handled', async () => {
      const [job] = await t.dataSource.query(
        `SELECT state FROM pgboss.job WHERE name = 'accounts.mail' AND data->>'email' = $1`,
        [nobody],
      );
      return job?.state === 'completed';
    });
    expect(await counts(t, ['password_resets', 'audit_entries'])).toEqual(before);

    await askReset(user.email);
    await linksTo(user, 1);
    await askReset(user.email);
    const [first, second] = await linksTo(user, 2);
    expect((await confirm(tokenOf(first), 'a brand new password').expect(400)).body.code).toBe(
      'RESET_TOKEN_INVALID',
    );
    // Past its 30 minutes the newest one does not work either.
    await t.dataSource.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [tokenOf(second).split('.')[0]],
    );
    await confirm(tokenOf(second), 'a brand new password').expect(400);

    // Three requests an hour for an address, whether or not an account has it.
    await askReset(user.email);
    for (const email of [user.email, nobody]) {
      if (email === nobody) for (let i = 0; i < 2; i++) await askReset(nobody);
      const limited = await t.http().post('/api/auth/password-reset').send({ email }).expect(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('changing the password needs the current one, ends every session and open reset links, and answers a new session', async () => {
    const user = await signUp(t);
    const elsewhere = await login(t, user.email, user.password);
    await askReset(user.email);
    const [link] = await linksTo(user, 1);
    const change = (body: object) => t.http().post('/api/auth/password').set(user.auth).send(body);

    const wrong = await change({
      currentPassword: 'not my password',
      newPassword: 'a brand new password',
    }).expect(401);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(wrong.body.messageKo).toContain('현재 비밀번호');
    const same = await change({
      currentPassword: user.password,
      newPassword: user.password,
    }).expect(400);
    expect(same.body.details).toEqual([
      { field: 'newPassword', problems: ['newPassword must differ from the current one'] },
    ]);
    await change({ currentPassword: user.password, newPassword: 'short' }).expect(400);
    await t.http().get('/api/me').set(user.auth).expect(200);

    const changed = await change({
      currentPassword: user.password,
      newPassword: 'a brand new password',
    }).expect(200);
    expect(changed.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${changed.body.accessToken}`)
      .expect(200);
    for (const session of [user, elsewhere])
      await t.http().get('/api/me').set(session.auth).expect(401);
    expect((await confirm(tokenOf(link), 'a third password!').expect(400)).body.code).toBe(
      'RESET_TOKEN_INVALID',
    );
    await login(t, user.email, 'a brand new password');
    expect(await changedNotices(user, 1)).toBe(1);
  });
});
