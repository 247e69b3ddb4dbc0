import {
  addMember,
  businessNumber,
  counts,
  createOrganization,
  operator,
  signUp,
  type TestUser,
} from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('organizations', () => {
  let t: TestApp;
  let op: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    op = await operator(t);
  });
  afterAll(() => t.close());

  const body = (fields: Record<string, unknown> = {}) => ({
    name: '대성금속',
    registrationNumber: businessNumber(),
    representativeName: '최대성',
    category: 'SME',
    industryCode: '25924',
    ...fields,
  });

  describe('registration', () => {
    it('registers an organization with a dashed number, stores the digits, makes the creator admin', async () => {
      const user = await signUp(t);
      const digits = businessNumber();
      const dashed = `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
      const res = await t
        .http()
        .post('/api/organizations')
        .set(user.auth)
        .send(body({ registrationNumber: dashed, region: '경남' }))
        .expect(201);
      expect(res.body).toMatchObject({
        registrationNumber: digits,
        name: '대성금속',
        category: 'SME',
        region: '경남',
        yourRole: 'admin',
        memberCount: 1,
        verification: null,
      });
      const me = await t.http().get('/api/me').set(user.auth).expect(200);
      expect(me.body.memberships).toEqual([
        { organizationId: res.body.id, organizationName: '대성금속', role: 'admin' },
      ]);
      const [audit] = await t.dataSource.query(
        `SELECT * FROM audit_entries WHERE action = 'organization.created' AND entity_id = $1`,
        [res.body.id],
      );
      expect(audit).toMatchObject({ actor_id: user.id, organization_id: res.body.id });
    });

    it('refuses a number whose check digit is wrong, in English and Korean, and writes nothing', async () => {
      const user = await signUp(t);
      const good = businessNumber();
      const bad = good.slice(0, 9) + ((Number(good[9]) + 1) % 10);
      const before = await counts(t, ['organizations', 'memberships', 'audit_entries']);
      const res = await t
        .http()
        .post('/api/organizations')
        .set(user.auth)
        .send(body({ registrationNumber: bad }))
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'INVALID_REGISTRATION_NUMBER',
        message: expect.stringContaining('check digit'),
      });
      expect(res.body.messageKo).toContain('사업자등록번호');
      const short = await t
        .http()
        .post('/api/organizations')
        .set(user.auth)
        .send(body({ registrationNumber: '12345' }))
        .expect(400);
      expect(short.body.code).toBe('INVALID_REGISTRATION_NUMBER');
      expect(await counts(t, ['organizations', 'memberships', 'audit_entries'])).toEqual(before);
    });

    it('refuses a registration number the operator confirmed for another organization', async () => {
      const a = await signUp(t);
      const b = await signUp(t);
      const number = businessNumber();
      const first = await t
        .http()
        .post('/api/organizations')
        .set(a.auth)
        .send(body({ registrationNumber: number }))
        .expect(201);
      await t
        .http()
        .post(`/api/organizations/${first.body.id}/verification`)
        .set(op.auth)
        .send({ businessStatus: 'ACTIVE', taxArrears: false })
        .expect(201);
      const before = await counts(t, ['organizations', 'memberships']);
      const res = await t
        .http()
        .post('/api/organizations')
        .set(b.auth)
        .send(body({ registrationNumber: number }))
        .expect(409);
      expect(res.body.code).toBe('REGISTRATION_NUMBER_TAKEN');
      expect(await counts(t, ['organizations', 'memberships'])).toEqual(before);
    });

    it('three claims of one number verified at once: exactly one is confirmed, the others rejected with a reason', async () => {
      const users = await Promise.all([signUp(t), signUp(t), signUp(t)]);
      const number = businessNumber();
      const claims = await Promise.all(
        users.map((u) =>
          t
            .http()
            .post('/api/organizations')
            .set(u.auth)
            .send(body({ registrationNumber: number }))
            .expect(201),
        ),
      );
      const results = await Promise.all(
        claims.map((c) =>
          t
            .http()
            .post(`/api/organizations/${c.body.id}/verification`)
            .set(op.auth)
            .send({ businessStatus: 'ACTIVE', taxArrears: false }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const rows: { registration_status: string; registration_note: string | null }[] =
        await t.dataSource.query(
          `SELECT registration_status, registration_note FROM organizations WHERE registration_number = $1 ORDER BY registration_status`,
          [number],
        );
      expect(rows.map((r) => r.registration_status)).toEqual(['CONFIRMED', 'REJECTED', 'REJECTED']);
      expect(rows[1].registration_note).toContain('for another organization');
    });

    it('validates category and industry code, naming each field', async () => {
      const user = await signUp(t);
      const res = await t
        .http()
        .post('/api/organizations')
        .set(user.auth)
        .send(body({ category: 'HUGE', industryCode: 'C29', extra: 1 }))
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'category',
        'extra',
        'industryCode',
      ]);
    });

    it('needs a signed-in user', async () => {
      expect((await t.http().post('/api/organizations').send(body()).expect(401)).body.code).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('members and scoping', () => {
    let admin: TestUser;
    let member: TestUser;
    let outsider: TestUser;
    let orgId: string;

    beforeAll(async () => {
      admin = await signUp(t, '관리자');
      member = await signUp(t, '구성원');
      outsider = await signUp(t, '외부인');
      orgId = (await createOrganization(t, admin)).id;
      await createOrganization(t, outsider);
    });

    it('an admin invites by e-mail; the person becomes a member only by accepting, and nobody else can answer', async () => {
      const invited = await t
        .http()
        .post(`/api/organizations/${orgId}/invitations`)
        .set(admin.auth)
        .send({ email: member.email.toUpperCase(), role: 'member' })
        .expect(201);
      expect(invited.body).toMatchObject({
        status: 'PENDING',
        email: member.email,
        role: 'member',
      });
      expect(JSON.stringify(invited.body)).not.toContain('구성원'); // no name before they accept
      const notYet = await t.http().get(`/api/organizations/${orgId}/members`).set(admin.auth);
      expect(notYet.body.items.map((m: { userId: string }) => m.userId)).toEqual([admin.id]);
      // Nobody else can answer it.
      await t
        .http()
        .post(`/api/invitations/${invited.body.id}/accept`)
        .set(outsider.auth)
        .expect(404);
      const waiting = await t.http().get('/api/me/invitations').set(member.auth).expect(200);
      expect(waiting.body).toEqual([
        expect.objectContaining({ id: invited.body.id, organizationId: orgId, role: 'member' }),
      ]);
      await t
        .http()
        .post(`/api/invitations/${invited.body.id}/accept`)
        .set(member.auth)
        .expect(200);
      await t
        .http()
        .post(`/api/invitations/${invited.body.id}/accept`)
        .set(member.auth)
        .expect(409);
      const again = await t
        .http()
        .post(`/api/organizations/${orgId}/invitations`)
        .set(admin.auth)
        .send({ email: member.email, role: 'admin' })
        .expect(409);
      expect(again.body.code).toBe('ALREADY_MEMBER');
      // An address with no account yet can be invited too; the answer does not say which it is.
      const noAccount = await t
        .http()
        .post(`/api/organizations/${orgId}/invitations`)
        .set(admin.auth)
        .send({ email: 'nobody@test.local', role: 'member' })
        .expect(201);
      expect(Object.keys(noAccount.body).sort()).toEqual(Object.keys(invited.body).sort());
      const list = await t
        .http()
        .get(`/api/organizations/${orgId}/members`)
        .set(member.auth)
        .expect(200);
      expect(list.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [admin.id, member.id].sort(),
      );
    });

    it('a member can read but not invite (403); an outsider gets 404 and changes nothing', async () => {
      await t.http().get(`/api/organizations/${orgId}`).set(member.auth).expect(200);
      const forbidden = await t
        .http()
        .post(`/api/organizations/${orgId}/invitations`)
        .set(member.auth)
        .send({ email: outsider.email, role: 'admin' })
        .expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      const before = await counts(t, ['memberships', 'audit_entries']);
      for (const [method, path, payload] of [
        ['get', `/api/organizations/${orgId}`, undefined],
        ['get', `/api/organizations/${orgId}/members`, undefined],
        ['get', `/api/organizations/${orgId}/verifications`, undefined],
        [
          'post',
          `/api/organizations/${orgId}/invitations`,
          { email: outsider.email, role: 'admin' },
        ],
        ['patch', `/api/organizations/${orgId}/members/${member.id}`, { role: 'admin' }],
        ['delete', `/api/organizations/${orgId}/members/${member.id}`, undefined],
      ] as const) {
        const res = await t.http()[method](path).set(outsider.auth).send(payload);
        expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
      }
      expect(await counts(t, ['memberships', 'audit_entries'])).toEqual(before);
    });

    it('a role change or a removal applies to the very next request (the guard does not serve a stale caller)', async () => {
      const boss = await signUp(t, '대표');
      const own = (await createOrganization(t, boss)).id;
      const temp = await signUp(t, '임시');
      await addMember(t, boss, own, temp);
      const invite = async (expected: number) => {
        const invitee = await signUp(t, '초대');
        await t
          .http()
          .post(`/api/organizations/${own}/invitations`)
          .set(temp.auth)
          .send({ email: invitee.email, role: 'member' })
          .expect(expected);
      };
      const role = (to: string) =>
        t
          .http()
          .patch(`/api/organizations/${own}/members/${temp.id}`)
          .set(boss.auth)
          .send({ role: to })
          .expect(200);
      await invite(403); // the guard knows temp as a member now
      await role('admin');
      await invite(201);
      await role('member');
      await invite(403);
      await t
        .http()
        .delete(`/api/organizations/${own}/members/${temp.id}`)
        .set(boss.auth)
        .expect(204);
      const dataset = { organizationId: own, title: '남은 권한', dataType: 'TABULAR' };
      await t.http().post('/api/datasets').set(temp.auth).send(dataset).expect(404);
    });

    it('lists only your own organizations; operators see all and can search', async () => {
      const mine = await t.http().get('/api/organizations').set(outsider.auth).expect(200);
      expect(mine.body.total).toBe(1);
      expect(mine.body.items[0].id).not.toBe(orgId);
      const all = await t
        .http()
        .get('/api/organizations')
        .query({ pageSize: 200 })
        .set(op.auth)
        .expect(200);
      expect(all.body.total).toBeGreaterThan(2);
      expect(all.body.items.map((o: { id: string }) => o.id)).toContain(orgId);
    });

    it('keeps one admin: the last admin can be neither demoted nor removed', async () => {
      const demote = await t
        .http()
        .patch(`/api/organizations/${orgId}/members/${admin.id}`)
        .set(admin.auth)
        .send({ role: 'member' })
        .expect(409);
      expect(demote.body.code).toBe('LAST_ADMIN');
      await t
        .http()
        .delete(`/api/organizations/${orgId}/members/${admin.id}`)
        .set(admin.auth)
        .expect(409);
      await t
        .http()
        .patch(`/api/organizations/${orgId}/members/${member.id}`)
        .set(admin.auth)
        .send({ role: 'admin' })
        .expect(200);
      await t
        .http()
        .patch(`/api/organizations/${orgId}/members/${admin.id}`)
        .set(member.auth)
        .send({ role: 'member' })
        .expect(200);
      const roles = await t.dataSource.query(
        `SELECT user_id, role FROM memberships WHERE organization_id = $1 ORDER BY role`,
        [orgId],
      );
      expect(roles).toEqual([
        { user_id: member.id, role: 'admin' },
        { user_id: admin.id, role: 'member' },
      ]);
    });
  });

  describe('leaving the exchange (회원 탈퇴)', () => {
    it('needs the password, never leaves an organization without an admin, and makes the account anonymous while its records stay', async () => {
      const admin = await signUp(t, '탈퇴예정');
      const org = await createOrganization(t, admin, { name: '떠나는정밀' });
      const withdraw = (password: string) =>
        t.http().post('/api/me/withdraw').set(admin.auth).send({ password });

      const wrong = await withdraw('not the password').expect(401);
      expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      const alone = await withdraw(admin.password).expect(409);
      expect(alone.body).toMatchObject({
        code: 'LAST_ADMIN',
        details: { organizationId: org.id },
      });
      expect(alone.body.messageKo).toContain('떠나는정밀의 관리자가 회원님뿐입니다');

      // Another admin takes over; then the person may leave.
      const heir = await signUp(t, '이어받음');
      await addMember(t, admin, org.id, heir, 'admin');
      await withdraw(admin.password).expect(204);

      await t.http().get('/api/me').set(admin.auth).expect(401);
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: admin.email, password: admin.password })
        .expect(401);
      const [row] = await t.dataSource.query(
        `SELECT email, name, platform_roles FROM users WHERE id = $1`,
        [admin.id],
      );
      expect(row).toEqual({
        email: `withdrawn-${admin.id}@withdrawn.invalid`,
        name: '탈퇴한 회원',
        platform_roles: [],
      });
      const members = await t
        .http()
        .get(`/api/organizations/${org.id}/members`)
        .set(heir.auth)
        .expect(200);
      expect(members.body.items.map((x: { userId: string }) => x.userId)).toEqual([heir.id]);
      // The lasting record of the membership stays (the related-party rule reads it), and the
      // audit trail still names the account by its id.
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM membership_records WHERE user_id = $1 AND organization_id = $2`,
        [admin.id, org.id],
      );
      expect(n).toBe(1);
      const [audit] = await t.dataSource.query(
        `SELECT details FROM audit_entries WHERE action = 'user.withdrawn' AND entity_id = $1`,
        [admin.id],
      );
      expect(audit.details).toEqual({ organizations: [org.id] });
      // The address is free for a new account.
      await t
        .http()
        .post('/api/auth/signup')
        .send({ email: admin.email, password: 'a new start password', name: '다시가입' })
        .expect(201);
    });

    it('a person corrects their name; an empty one is refused; the audit trail keeps both', async () => {
      const user = await signUp(t, '김오타');
      const renamed = await t
        .http()
        .patch('/api/me')
        .set(user.auth)
        .send({ name: '  김바름 ' })
        .expect(200);
      expect(renamed.body).toMatchObject({ id: user.id, name: '김바름', email: user.email });
      const empty = await t.http().patch('/api/me').set(user.auth).send({ name: '  ' }).expect(400);
      expect(empty.body.details[0].field).toBe('name');
      const [audit] = await t.dataSource.query(
        `SELECT details FROM audit_entries WHERE action = 'user.renamed' AND entity_id = $1`,
        [user.id],
      );
      expect(audit.details).toEqual({ from: '김오타', to: '김바름' });
    });

    it('an account with a staff role is refused until an operator takes the role away', async () => {
      const evaluator = await signUp(t, '평가위원');
      await t
        .http()
        .put(`/api/users/${evaluator.id}/platform-roles`)
        .set(op.auth)
        .send({ roles: ['evaluator'] })
        .expect(200);
      const refused = await t
        .http()
        .post('/api/me/withdraw')
        .set(evaluator.auth)
        .send({ password: evaluator.password })
        .expect(409);
      expect(refused.body.messageKo).toContain('역할 해제');
      await t.http().get('/api/me').set(evaluator.auth).expect(200);
    });
  });

  describe('verification', () => {
    it('an operator records verified facts as a history; the latest counts', async () => {
      const user = await signUp(t);
      const org = await createOrganization(t, user);
      await t
        .http()
        .post(`/api/organizations/${org.id}/verification`)
        .set(op.auth)
        .send({ businessStatus: 'ACTIVE', taxArrears: true })
        .expect(201);
      const latest = await t
        .http()
        .post(`/api/organizations/${org.id}/verification`)
        .set(op.auth)
        .send({
          businessStatus: 'ACTIVE',
          taxArrears: false,
          category: 'MID_SIZE',
          note: '국세 완납 증명서 확인',
        })
        .expect(201);
      expect(latest.body).toMatchObject({
        verifiedBy: op.id,
        taxArrears: false,
        category: 'MID_SIZE',
      });
      const view = await t.http().get(`/api/organizations/${org.id}`).set(user.auth).expect(200);
      expect(view.body.verification).toMatchObject({
        id: latest.body.id,
        taxArrears: false,
        businessStatus: 'ACTIVE',
      });
      const history = await t
        .http()
        .get(`/api/organizations/${org.id}/verifications`)
        .set(user.auth)
        .expect(200);
      expect(history.body.items.map((v: { taxArrears: boolean }) => v.taxArrears)).toEqual([
        false,
        true,
      ]);
    });

    it('only operators verify; bad values and unknown organizations are refused', async () => {
      const user = await signUp(t);
      const org = await createOrganization(t, user);
      const before = await counts(t, ['organization_verifications']);
      expect(
        (
          await t
            .http()
            .post(`/api/organizations/${org.id}/verification`)
            .set(user.auth)
            .send({ businessStatus: 'ACTIVE', taxArrears: false })
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN');
      const bad = await t
        .http()
        .post(`/api/organizations/${org.id}/verification`)
        .set(op.auth)
        .send({ businessStatus: 'OPEN', taxArrears: 'no' })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'businessStatus',
        'taxArrears',
      ]);
      await t
        .http()
        .post('/api/organizations/00000000-0000-4000-8000-000000000000/verification')
        .set(op.auth)
        .send({ businessStatus: 'ACTIVE', taxArrears: false })
        .expect(404);
      await t
        .http()
        .post('/api/organizations/not-a-uuid/verification')
        .set(op.auth)
        .send({ businessStatus: 'ACTIVE', taxArrears: false })
        .expect(400);
      expect(await counts(t, ['organization_verifications'])).toEqual(before);
    });
  });

  describe('excluded industries', () => {
    it('anyone reads them; operators add, change and remove; each change is audited', async () => {
      const list = await t.http().get('/api/excluded-industries').expect(200);
      expect(list.body.items.map((e: { code: string }) => e.code)).toEqual(
        expect.arrayContaining(['55', '56']),
      );
      const user = await signUp(t);
      await t
        .http()
        .put('/api/excluded-industries/91121')
        .set(user.auth)
        .send({ name: '골프장 운영업', reason: '사행·향락' })
        .expect(403);
      const added = await t
        .http()
        .put('/api/excluded-industries/91121')
        .set(op.auth)
        .send({ name: '골프장 운영업', reason: '사행·향락' })
        .expect(200);
      expect(added.body).toMatchObject({ code: '91121', updatedBy: op.id });
      await t
        .http()
        .put('/api/excluded-industries/91121')
        .set(op.auth)
        .send({ name: '골프장 운영업', reason: '공고 제외 업종' })
        .expect(200);
      await t
        .http()
        .put('/api/excluded-industries/9x')
        .set(op.auth)
        .send({ name: 'x', reason: 'y' })
        .expect(400);
      await t.http().delete('/api/excluded-industries/91121').set(op.auth).expect(204);
      await t.http().delete('/api/excluded-industries/91121').set(op.auth).expect(404);
      const actions = await t.dataSource.query(
        `SELECT action FROM audit_entries WHERE entity_id = '91121' ORDER BY id`,
      );
      expect(actions.map((a: { action: string }) => a.action)).toEqual([
        'excluded_industry.added',
        'excluded_industry.updated',
        'excluded_industry.removed',
      ]);
    });
  });

  describe('audit', () => {
    it('operators filter the trail by organization; others are refused', async () => {
      const user = await signUp(t);
      const org = await createOrganization(t, user);
      const res = await t
        .http()
        .get('/api/audit')
        .query({ organizationId: org.id })
        .set(op.auth)
        .expect(200);
      expect(res.body).toMatchObject({
        total: 1,
        items: [{ action: 'organization.created', actorId: user.id }],
      });
      await t.http().get('/api/audit').set(user.auth).expect(403);
      await t.http().get('/api/audit').query({ from: 'yesterday' }).set(op.auth).expect(400);
    });
  });
});
