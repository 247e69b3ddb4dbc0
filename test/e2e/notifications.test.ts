import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EntitlementReminders } from '../../src/modules/orders/index.js';
import { VouchersService } from '../../src/modules/vouchers/index.js';
import { DomainEvents } from '../../src/platform/events/domain-events.js';
import { EVENT_TYPES } from '../../src/platform/events/event-types.js';
import { JobQueue } from '../../src/platform/jobs/job-queue.js';
import {
  createOrganization,
  openProgram,
  operator,
  signUp,
  type TestUser,
} from '../support/factories.js';
import { eventually } from '../support/eventually.js';
import { mailsTo, mailTo } from '../support/mailbox.js';
import {
  listedKampProduct,
  moreListings,
  orderWithVoucher,
  voucherHolder,
} from '../support/market.js';
import { startTestApp, type TestApp, WITH_MAIL } from '../support/test-app.js';

const DAY = 86_400_000;
const PRICE = 1_000_000;

describe('notifications by e-mail, as each person chooses, and reminders', () => {
  let t: TestApp;
  let op: TestUser;
  let seller: TestUser;
  let sellerOrgId: string;
  let products: string[];
  let programId: string;

  const inbox = async (user: TestUser) =>
    (await t.http().get('/api/me/notifications?pageSize=100').set(user.auth).expect(200)).body
      .items as { id: string; kind: string; titleKo: string; bodyKo: string | null }[];
  const notesOf = async (user: TestUser, kind: string) =>
    (await inbox(user)).filter((n) => n.kind === kind);
  /** Waits for at least one notification of the kind. */
  const someOf = (user: TestUser, kind: string) =>
    eventually(`${kind} for ${user.email}`, async () => {
      const n = await notesOf(user, kind);
      return n.length ? n : undefined;
    });

  beforeAll(async () => {
    t = await startTestApp(WITH_MAIL());
    op = await operator(t);
    const listed = await listedKampProduct(t, { priceKrw: PRICE, license: 'COMMERCIAL' });
    seller = listed.seller;
    sellerOrgId = listed.organizationId;
    products = [
      listed.productId,
      ...(await moreListings(t, listed, 2, { priceKrw: PRICE, license: 'COMMERCIAL' })),
    ];
    programId = (await openProgram(t, op, 'PURCHASE_SUPPORT', { budgetKrw: 100_000_000 })).id;
  });
  afterAll(() => t.close());

  it('a sale reaches the seller by mail once, Korean first with the English version; each person chooses inbox, mail or nothing, except for money and decisions', async () => {
    const lab = await voucherHolder(t, op, programId, {
      category: 'NONPROFIT',
      governmentKrw: 5_000_000,
      totalCostKrw: 5_000_000,
    });
    // The voucher's issue reaches the buyer's inbox and mailbox.
    const issued = await mailTo(lab.admin.email, '바우처가 발급되었습니다: 5,000,000원');
    expect(issued.text).toContain('Voucher issued: 5,000,000 KRW');

    // Every kind is listed with its channel; the mandatory ones say so.
    const prefs = await t
      .http()
      .get('/api/me/notification-preferences')
      .set(seller.auth)
      .expect(200);
    const pref = (kind: string) => prefs.body.items.find((p: { kind: string }) => p.kind === kind);
    expect(pref('order.sold')).toMatchObject({ channel: 'IN_APP_AND_EMAIL', mandatory: false });
    expect(pref('order.refunded')).toMatchObject({ mandatory: true, labelKo: '환불' });

    // Sale one: the default, inbox and mail.
    const first = await orderWithVoucher(t, lab, products[0], PRICE).expect(201);
    expect(first.body.status).toBe('PAID');
    const mail = await mailTo(seller.email, '판매되었습니다');
    const [note] = await someOf(seller, 'order.sold');
    expect(mail.subject).toBe('[제조 데이터 거래소] 판매되었습니다: 용해탱크 데이터');
    const korean = mail.text.indexOf('판매 금액 1,000,000원');
    const english = mail.text.indexOf('Bought by');
    expect(korean).toBeGreaterThan(0);
    expect(english).toBeGreaterThan(mail.text.indexOf('----- English -----'));
    expect(korean).toBeLessThan(english);
    expect(mail.text).toContain('/sell?tab=sales');
    expect(mail.html).toContain('<div lang="en">');
    expect(mail.messageId).toBe(`<${note.id}@notifications.exchange>`);

    // The event handed over again, and its mail job run again: still one notification, one mail.
    const [{ id: eventId }] = await t.dataSource.query(
      `SELECT id FROM domain_events WHERE type = 'order.paid' AND subject_id = $1`,
      [first.body.id],
    );
    await t.dataSource.query(
      `DELETE FROM event_deliveries WHERE event_id = $1 AND consumer = 'notifications.order_paid'`,
      [eventId],
    );
    await t.app.get(DomainEvents).deliver(eventId);
    await t.app.get(JobQueue).send('notifications.mail', { notificationId: note.id });
    await new Promise((r) => setTimeout(r, 1500));
    const soldMails = async () =>
      (await mailsTo(seller.email)).filter((m) => m.subject.includes('판매되었습니다'));
    expect(await soldMails()).toHaveLength(1);
    expect(await notesOf(seller, 'order.sold')).toHaveLength(1);

    // Mandatory kinds refuse to be quieted, and the whole change is refused with them.
    const refused = await t
      .http()
      .put('/api/me/notification-preferences')
      .set(seller.auth)
      .send({
        items: [
          { kind: 'order.sold', channel: 'OFF' },
          { kind: 'payout.recorded', channel: 'IN_APP' },
        ],
      })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'NOTIFICATION_MANDATORY' });
    expect(refused.body.messageKo).toContain('끌 수 없습니다');
    await t
      .http()
      .put('/api/me/notification-preferences')
      .set(seller.auth)
      .send({ items: [{ kind: 'order.nonsense', channel: 'OFF' }] })
      .expect(400);
    await t
      .http()
      .put('/api/me/notification-preferences')
      .set(seller.auth)
      .send({ items: [{ kind: 'order.sold', channel: 'LOUD' }] })
      .expect(400);
    expect(
      (await t.http().get('/api/me/notification-preferences').set(seller.auth)).body.items.find(
        (p: { kind: string }) => p.kind === 'order.sold',
      ).channel,
    ).toBe('IN_APP_AND_EMAIL');

    // In the app only: sale two is in the inbox and not in the mailbox.
    const inApp = await t
      .http()
      .put('/api/me/notification-preferences')
      .set(seller.auth)
      .send({ items: [{ kind: 'order.sold', channel: 'IN_APP' }] })
      .expect(200);
    expect(inApp.body.items.find((p: { kind: string }) => p.kind === 'order.sold').channel).toBe(
      'IN_APP',
    );
    await orderWithVoucher(t, lab, products[1], PRICE).expect(201);
    await eventually('the second sale in the inbox', async () =>
      (await notesOf(seller, 'order.sold')).length === 2 ? true : undefined,
    );
    // Off: sale three reaches neither, while the buyer still hears of its payment (mandatory).
    await t
      .http()
      .put('/api/me/notification-preferences')
      .set(seller.auth)
      .send({ items: [{ kind: 'order.sold', channel: 'OFF' }] })
      .expect(200);
    const third = await orderWithVoucher(t, lab, products[2], PRICE).expect(201);
    await eventually('the third payment told to the buyer', async () =>
      (await notesOf(lab.admin, 'order.paid')).length === 3 ? true : undefined,
    );
    await eventually(
      'the third sale handled',
      async () =>
        (
          await t.dataSource.query(
            `SELECT 1 FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
            WHERE e.subject_id = $1 AND d.consumer = 'notifications.order_paid'`,
            [third.body.id],
          )
        ).length,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await notesOf(seller, 'order.sold')).toHaveLength(2);
    expect(await soldMails()).toHaveLength(1);
    await mailTo(lab.admin.email, '결제가 끝났습니다');

    // A payout recorded reaches the seller's admins; it cannot be switched off.
    await t
      .http()
      .post(`/api/organizations/${sellerOrgId}/payouts`)
      .set(op.auth)
      .send({ amountKrw: 500_000, reference: 'PAY-1' })
      .expect(201);
    await mailTo(seller.email, '정산금이 지급되었습니다: 500,000원');
  });

  it('reminders: a voucher with money left is announced 14 and 3 days before its end, and a licence 30 days before, once each however often the job runs', async () => {
    const buyer = await voucherHolder(t, op, programId, {
      category: 'NONPROFIT',
      governmentKrw: 2_000_000,
      totalCostKrw: 2_000_000,
    });
    const [{ validUntil }] = await t.dataSource.query(
      `SELECT valid_until::text AS "validUntil" FROM vouchers WHERE id = $1`,
      [buyer.voucherId],
    );
    const vouchers = t.app.get(VouchersService);
    const end = Date.parse(`${validUntil}T00:00:00+09:00`);
    const reminders = async () =>
      (
        await t.dataSource.query(
          `SELECT payload FROM domain_events WHERE type = 'voucher.expiring' AND subject_id = $1 ORDER BY id`,
          [buyer.voucherId],
        )
      ).map((r: { payload: { daysBefore: number } }) => r.payload.daysBefore);
    // Twenty days before: nothing yet.
    await vouchers.remind(new Date(end - 20 * DAY));
    expect(await reminders()).toEqual([]);
    // Ten days before, by two instances at once and again: one reminder.
    await Promise.all([
      vouchers.remind(new Date(end - 10 * DAY)),
      vouchers.remind(new Date(end - 10 * DAY)),
    ]);
    await vouchers.remind(new Date(end - 9 * DAY));
    expect(await reminders()).toEqual([14]);
    // Two days before: the second.
    await vouchers.remind(new Date(end - 2 * DAY));
    await vouchers.remind(new Date(end - 1 * DAY));
    expect(await reminders()).toEqual([14, 3]);
    const notes = await eventually('both reminders in the inbox', async () => {
      const n = await notesOf(buyer.admin, 'voucher.expiring');
      return n.length === 2 ? n : undefined;
    });
    expect(notes.map((n) => n.titleKo).sort()).toEqual([
      '바우처가 10일 뒤 끝납니다 (남은 금액 2,000,000원)',
      '바우처가 2일 뒤 끝납니다 (남은 금액 2,000,000원)',
    ]);
    await mailTo(buyer.admin.email, '바우처가 2일 뒤 끝납니다');

    // The licence of a purchase: 30 days before it ends, once.
    const order = await orderWithVoucher(t, buyer, products[0], PRICE).expect(201);
    const [{ validUntil: licenceEnd }] = await t.dataSource.query(
      `SELECT valid_until AS "validUntil" FROM entitlements WHERE order_id = $1`,
      [order.body.id],
    );
    const licences = t.app.get(EntitlementReminders);
    const licenceReminders = async () =>
      (
        await t.dataSource.query(
          `SELECT 1 FROM domain_events e JOIN entitlements en ON en.id::text = e.subject_id
            WHERE e.type = 'entitlement.expiring' AND en.order_id = $1`,
          [order.body.id],
        )
      ).length;
    await licences.remind(new Date(licenceEnd.getTime() - 40 * DAY));
    expect(await licenceReminders()).toBe(0);
    await Promise.all([
      licences.remind(new Date(licenceEnd.getTime() - 20 * DAY)),
      licences.remind(new Date(licenceEnd.getTime() - 20 * DAY)),
    ]);
    await licences.remind(new Date(licenceEnd.getTime() - 5 * DAY));
    expect(await licenceReminders()).toBe(1);
    const [licenceNote] = await someOf(buyer.admin, 'entitlement.expiring');
    expect(licenceNote.titleKo).toBe('이용 기간이 곧 끝납니다: 용해탱크 데이터');
  });

  it('invitations reach the person invited: in the inbox and by mail with an account, by mail to sign up without one', async () => {
    const admin = await signUp(t, '초대하는사람');
    const org = await createOrganization(t, admin, { name: '초대테크' });
    const colleague = await signUp(t, '동료');
    const stranger = `new-${Date.now()}@test.local`;
    for (const email of [colleague.email, stranger])
      await t
        .http()
        .post(`/api/organizations/${org.id}/invitations`)
        .set(admin.auth)
        .send({ email, role: 'member' })
        .expect(201);
    const mail = await mailTo(colleague.email, '초대테크에서 초대했습니다 (구성원)');
    expect(mail.text).toContain('초대 알림에서 수락');
    const inbox = await eventually('the invitation in the inbox', async () => {
      const items = (await t.http().get('/api/me/notifications').set(colleague.auth).expect(200))
        .body.items as { kind: string }[];
      return items.find((n) => n.kind === 'invitation.received');
    });
    expect(inbox).toBeDefined();
    const signUpMail = await mailTo(stranger, '초대테크에서 초대했습니다');
    expect(signUpMail.text).toContain(`이 주소(${stranger})로 가입하면`);
    expect(signUpMail.text).toContain('/signup');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await mailsTo(stranger)).toHaveLength(1);
  });
});

/** An SMTP server that refuses the first mail it is given and takes the rest. */
async function flakySmtp() {
  const accepted: string[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        if (refused === 0) {
          refused++;
          return done(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        accepted.push(raw);
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a mail the server refuses', () => {
  it('is sent again later, and once', async () => {
    const smtp = await flakySmtp();
    const t = await startTestApp({ SMTP_URL: smtp.url });
    try {
      const admin = await signUp(t, '정산담당');
      const org = await createOrganization(t, admin);
      await t.dataSource.transaction((m) =>
        t.app.get(DomainEvents).publish(m, {
          type: EVENT_TYPES.PAYOUT_RECORDED,
          subjectType: 'organization',
          subjectId: org.id,
          organizationId: org.id,
          payload: { amountKrw: 700_000, reference: 'PAY-7' },
        }),
      );
      await eventually('the mail accepted', () => smtp.accepted.length, 30_000);
      expect(smtp.refused()).toBe(1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.accepted).toHaveLength(1);
      expect(smtp.accepted[0]).toContain(admin.email);
      const [row] = await t.dataSource.query(
        `SELECT emailed_at FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1`,
        [admin.email],
      );
      expect(row.emailed_at).toBeInstanceOf(Date);
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
