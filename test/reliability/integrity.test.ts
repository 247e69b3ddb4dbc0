import { readFile } from 'node:fs/promises';
import {
  addMember,
  apply,
  businessNumber,
  counts,
  createOrganization,
  grantOperator,
  ledger,
  openProgram,
  operator,
  selectedApplication,
  signUp,
  type TestUser,
  verifiedOrganization,
} from '../support/factories.js';
import { recordFigures, tally } from '../support/figures.js';
import {
  confirmAtEmulator,
  KAMP_FILE,
  listedKampProduct,
  purchaseAgreement,
  voucherHolder,
  orderWithVoucher,
} from '../support/market.js';
import { startTestApp, type TestApp, type TestClient } from '../support/test-app.js';
import { verifiedVersion } from '../support/uploads.js';

/**
 * Public money that cannot be gamed: each test here is an attack that once worked (issue 14),
 * tried again and refused, with nothing written. The figures go to the run's closing line.
 */
describe('integrity: subsidy fraud is refused', () => {
  let t: TestApp;
  let op: TestUser;
  let programId: string;
  let tallied: ReturnType<typeof tally>;
  /** The service through the tally: every request counted for the closing line. */
  let c: TestClient;
  const PRICE = 1_000_000;

  beforeAll(async () => {
    t = await startTestApp();
    tallied = tally(t);
    c = tallied.client;
    op = await operator(c);
    programId = (await openProgram(c, op, 'PURCHASE_SUPPORT', { budgetKrw: 500_000_000 })).id;
  });
  afterAll(async () => {
    const l = await ledger(t, programId);
    expect(l.unbalancedJournals).toBe(0);
    expect(l.grandTotal).toBe(0n);
    recordFigures('integrity (subsidy fraud)', { ...tallied.figures, wonLost: 0 });
    await t.close();
  });

  const money = () => counts(t, ['orders', 'ledger_journals', 'agreements', 'vouchers']);
  /** A listed product bought by a nonprofit whose voucher pays all of it: paid at once. */
  async function paidVoucherSale() {
    const listed = await listedKampProduct(c, { priceKrw: PRICE, license: 'COMMERCIAL' });
    const buyer = await voucherHolder(c, op, programId, {
      category: 'NONPROFIT',
      governmentKrw: PRICE,
      totalCostKrw: PRICE,
    });
    const order = await orderWithVoucher(c, buyer, listed.productId, PRICE).expect(201);
    expect(order.body.status).toBe('PAID');
    return { listed, buyer, order };
  }

  /** An agreement's terms that a nonprofit's 100% would allow: 10,000,000 won, all of it public. */
  const fullySubsidised = () => ({
    totalCostKrw: 10_000_000,
    governmentKrw: 10_000_000,
    ownKrw: 0,
    ownCashKrw: 0,
    startsOn: new Date().toISOString().slice(0, 10),
    endsOn: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  });

  /** A user with the evaluator role, assigned to the purchase-support call. */
  async function evaluatorOnCall() {
    const evaluator = await signUp(c);
    await c
      .http()
      .put(`/api/users/${evaluator.id}/platform-roles`)
      .set(op.auth)
      .send({ roles: ['evaluator'] })
      .expect(200);
    await c
      .http()
      .post(`/api/programs/${programId}/evaluators`)
      .set(op.auth)
      .send({ userId: evaluator.id })
      .expect(201);
    return evaluator;
  }

  /** A seller whose organization no operator verified, with a verified KAMP version to list. */
  async function sellerNeverVerified(representativeName: string) {
    const seller = await signUp(c);
    const org = await createOrganization(c, seller, { representativeName });
    const bytes = await readFile(KAMP_FILE);
    const v = await verifiedVersion(c, seller, org.id, [{ name: 'melting_tank.csv', bytes }]);
    const product = {
      datasetId: v.datasetId,
      version: v.version,
      title: `${representativeName}의 상품`,
      priceKrw: PRICE,
      license: 'COMMERCIAL',
    };
    return { seller, org, product };
  }

  it('a seller who buys its own product through a second organization it registered is refused (RELATED_PARTY, SHARED_MEMBER)', async () => {
    const listed = await listedKampProduct(c, { priceKrw: PRICE, license: 'COMMERCIAL' });
    // The seller's admin registers K2 under another representative and gets a voucher the normal way.
    const k2 = await createOrganization(c, listed.seller, {
      name: '케이투',
      representativeName: '전혀다른사람',
    });
    await c
      .http()
      .post(`/api/organizations/${k2.id}/verification`)
      .set(op.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: false, category: 'SME' })
      .expect(201);
    const app = await selectedApplication(
      t,
      op,
      listed.seller,
      programId,
      k2.id,
      'PURCHASE_SUPPORT',
    );
    const voucherId = await purchaseAgreement(c, op, app, {
      governmentKrw: 8_000_000,
      totalCostKrw: 10_000_000,
    });
    const before = await money();
    const res = await tallied
      .attack()
      .http()
      .post('/api/orders')
      .set(listed.seller.auth)
      .send({
        productId: listed.productId,
        voucherId,
        organizationId: k2.id,
        expectedPriceKrw: PRICE,
      })
      .expect(409);
    expect(res.body).toMatchObject({
      code: 'RELATED_PARTY',
      details: { links: [{ kind: 'SHARED_MEMBER' }] },
    });
    expect(res.body.message).toContain('a person is or was a member of both');
    expect(res.body.messageKo).toContain('특수관계');
    // The quote says so too, before anything is ordered.
    await tallied
      .attack()
      .http()
      .post('/api/orders/quote')
      .set(listed.seller.auth)
      .send({ productId: listed.productId, voucherId })
      .expect(409);
    expect(await money()).toEqual(before);
  });

  it('an operator-recorded link makes two organizations related: orders are refused, and a payout for an earlier sale to the linked buyer waits for its refund', async () => {
    const { listed, buyer, order } = await paidVoucherSale();
    // Afterwards the operator learns the buyer is the seller's subsidiary.
    const linked = await c
      .http()
      .post(`/api/organizations/${listed.organizationId}/related-organizations`)
      .set(op.auth)
      .send({ organizationId: buyer.org.id, reason: '자회사 (주주명부 확인)' })
      .expect(201);
    expect(linked.body).toEqual([
      expect.objectContaining({ organizationId: buyer.org.id, reason: '자회사 (주주명부 확인)' }),
    ]);
    const payout = await tallied
      .attack()
      .http()
      .post(`/api/organizations/${listed.organizationId}/payouts`)
      .set(op.auth)
      .send({ amountKrw: 100_000, reference: '정산' })
      .expect(409);
    expect(payout.body).toMatchObject({
      code: 'RELATED_PARTY',
      details: { links: [{ kind: 'RECORDED_BY_OPERATOR', detail: '자회사 (주주명부 확인)' }] },
    });
    await c
      .http()
      .post(`/api/orders/${order.body.id}/refund`)
      .set(op.auth)
      .send({ reason: '특수관계 거래' })
      .expect(201);
    await c
      .http()
      .post(`/api/organizations/${listed.organizationId}/payouts`)
      .set(op.auth)
      .send({ amountKrw: 1, reference: '정산' })
      .expect(409); // owed nothing now: the only sale was refunded
  });

  it('a self-declared nonprofit does not get 100%: an agreement waits for the operator to confirm the category, and then uses the confirmed one', async () => {
    const admin = await signUp(c);
    const org = await createOrganization(c, admin, {
      category: 'NONPROFIT',
      industryCode: '72111',
      representativeName: '비영리대표',
    });
    await c
      .http()
      .post(`/api/organizations/${org.id}/verification`)
      .set(op.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: false })
      .expect(201);
    const app = await selectedApplication(c, op, admin, programId, org.id, 'PURCHASE_SUPPORT');
    const before = await money();
    const refused = await tallied
      .attack()
      .http()
      .post(`/api/applications/${app}/agreement`)
      .set(op.auth)
      .send(fullySubsidised())
      .expect(409);
    expect(refused.body.code).toBe('CATEGORY_UNCONFIRMED');
    expect(refused.body.message).toContain(
      'the operator must verify the organization with its category',
    );
    expect(refused.body.details).toMatchObject({ declaredCategory: 'NONPROFIT' });
    expect(await money()).toEqual(before);

    // Size class and category must agree when both are sent.
    const mixed = await c
      .http()
      .post(`/api/organizations/${org.id}/verification`)
      .set(op.auth)
      .send({
        businessStatus: 'ACTIVE',
        taxArrears: false,
        category: 'NONPROFIT',
        sizeClass: 'SME',
      })
      .expect(400);
    expect(mixed.body.details[0].field).toBe('sizeClass');
    // The documents say it is a firm, an SME: confirmed, and the SME rate and cap apply.
    await c
      .http()
      .post(`/api/organizations/${org.id}/verification`)
      .set(op.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: false, sizeClass: 'SME' })
      .expect(201);
    const voucherId = await purchaseAgreement(c, op, app, {
      governmentKrw: 8_000_000,
      totalCostKrw: 10_000_000,
    });
    const voucher = await c.http().get(`/api/vouchers/${voucherId}`).set(admin.auth).expect(200);
    expect(voucher.body.rateBp).toBe(8000);
    const view = await c.http().get(`/api/organizations/${org.id}`).set(admin.auth).expect(200);
    expect(view.body).toMatchObject({ category: 'NONPROFIT', confirmedCategory: 'SME' });
  });

  it('an organization never verified cannot publish; one with tax arrears cannot receive voucher money or be paid out', async () => {
    const { seller, product: draft } = await sellerNeverVerified('미확인대표');
    const product = await c.http().post('/api/products').set(seller.auth).send(draft).expect(201);
    const publish = await tallied
      .attack()
      .http()
      .post(`/api/products/${product.body.id}/publish`)
      .set(seller.auth)
      .expect(409);
    expect(publish.body.code).toBe('ORGANIZATION_NOT_VERIFIED');
    expect(publish.body.message).toContain('the operator has not verified it yet');
    expect(
      (await c.http().get(`/api/products/${product.body.id}`).set(seller.auth)).body.status,
    ).toBe('DRAFT');

    const listed = await listedKampProduct(c, { priceKrw: PRICE, license: 'COMMERCIAL' });
    const buyer = await voucherHolder(c, op, programId, {
      category: 'SME',
      governmentKrw: 8_000_000,
      totalCostKrw: 10_000_000,
    });
    await c
      .http()
      .post(`/api/organizations/${listed.organizationId}/verification`)
      .set(op.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: true })
      .expect(201);
    const before = await money();
    const order = await tallied
      .attack()
      .http()
      .post('/api/orders')
      .set(buyer.admin.auth)
      .send({
        productId: listed.productId,
        voucherId: buyer.voucherId,
        organizationId: buyer.org.id,
        expectedPriceKrw: PRICE,
      })
      .expect(409);
    expect(order.body).toMatchObject({ code: 'ORGANIZATION_NOT_VERIFIED' });
    expect(order.body.message).toContain('tax arrears');
    expect(await money()).toEqual(before);
    const balance = await c.http().get(`/api/vouchers/${buyer.voucherId}`).set(buyer.admin.auth);
    expect(balance.body).toMatchObject({ balanceKrw: 8_000_000, reservedKrw: 0 });
    const payout = await tallied
      .attack()
      .http()
      .post(`/api/organizations/${listed.organizationId}/payouts`)
      .set(op.auth)
      .send({ amountKrw: 1, reference: '정산' })
      .expect(409);
    expect(payout.body.code).toBe('ORGANIZATION_NOT_VERIFIED');
  });

  it("a squatter's claim to another company's number does not lock out its owner: the operator confirms the owner and the squatter reads why its claim was rejected", async () => {
    const number = businessNumber();
    const squatter = await signUp(c);
    const fake = await createOrganization(c, squatter, {
      name: '삼성전자(가짜)',
      registrationNumber: number,
    });
    const owner = await signUp(c);
    const real = await tallied
      .attack()
      .http()
      .post('/api/organizations')
      .set(owner.auth)
      .send({
        name: '진짜기업',
        registrationNumber: number,
        representativeName: '진짜대표',
        category: 'SME',
        industryCode: '29294',
      })
      .expect(201);
    expect(real.body.registration).toEqual({ status: 'CLAIMED', note: null, otherClaims: 1 });
    // The operator's queue: both claims of the number are waiting, each showing the other.
    const queue = await c
      .http()
      .get('/api/organizations')
      .query({ registration: 'CLAIMED', q: number })
      .set(op.auth)
      .expect(200);
    expect(
      queue.body.items.map((o: { id: string; registration: object }) => [o.id, o.registration]),
    ).toEqual(
      expect.arrayContaining([
        [fake.id, { status: 'CLAIMED', note: null, otherClaims: 1 }],
        [real.body.id, { status: 'CLAIMED', note: null, otherClaims: 1 }],
      ]),
    );
    expect(queue.body.total).toBe(2);
    await c
      .http()
      .post(`/api/organizations/${real.body.id}/verification`)
      .set(op.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: false, category: 'SME' })
      .expect(201);
    const seen = await c.http().get(`/api/organizations/${fake.id}`).set(squatter.auth).expect(200);
    expect(seen.body.registration.status).toBe('REJECTED');
    // Out of the queue: the confirmed one no longer counts the rejected claim as competing.
    expect(
      (
        await c
          .http()
          .get('/api/organizations')
          .query({ registration: 'CLAIMED', q: number })
          .set(op.auth)
          .expect(200)
      ).body.total,
    ).toBe(0);
    expect(
      (await c.http().get(`/api/organizations/${real.body.id}`).set(op.auth).expect(200)).body
        .registration,
    ).toMatchObject({ status: 'CONFIRMED', otherClaims: 0 });
    expect(seen.body.registration.note).toContain('confirmed registration number');
    const again = await c
      .http()
      .post(`/api/organizations/${fake.id}/verification`)
      .set(op.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: false })
      .expect(409);
    expect(again.body.code).toBe('REGISTRATION_NUMBER_TAKEN');
    const third = await c
      .http()
      .post('/api/organizations')
      .set(squatter.auth)
      .send({
        name: '삼성전자(가짜2)',
        registrationNumber: number,
        representativeName: '가짜',
        category: 'SME',
        industryCode: '29294',
      })
      .expect(409);
    expect(third.body.code).toBe('REGISTRATION_NUMBER_TAKEN');
  });

  it('an order carries the quoted price: a price raised after the quote is refused with PRICE_CHANGED and reserves nothing; absurd prices are refused', async () => {
    const listed = await listedKampProduct(c, { priceKrw: PRICE, license: 'COMMERCIAL' });
    const buyer = await voucherHolder(c, op, programId, {
      category: 'SME',
      governmentKrw: 10_000_000,
      totalCostKrw: 12_500_000,
    });
    const quote = await c
      .http()
      .post('/api/orders/quote')
      .set(buyer.admin.auth)
      .send({ productId: listed.productId, voucherId: buyer.voucherId })
      .expect(200);
    expect(quote.body.priceKrw).toBe(PRICE);
    await tallied
      .attack()
      .http()
      .patch(`/api/products/${listed.productId}`)
      .set(listed.seller.auth)
      .send({ priceKrw: 9_000_000 })
      .expect(200);
    const before = await money();
    const res = await orderWithVoucher(c, buyer, listed.productId, quote.body.priceKrw).expect(409);
    expect(res.body).toMatchObject({
      code: 'PRICE_CHANGED',
      details: { currentPriceKrw: 9_000_000, expectedPriceKrw: PRICE },
    });
    expect(await money()).toEqual(before);
    expect(
      (await c.http().get(`/api/vouchers/${buyer.voucherId}`).set(buyer.admin.auth)).body
        .reservedKrw,
    ).toBe(0);
    const missing = await c
      .http()
      .post('/api/orders')
      .set(buyer.admin.auth)
      .send({ productId: listed.productId, organizationId: buyer.org.id })
      .expect(400);
    expect(JSON.stringify(missing.body.details)).toContain('expectedPriceKrw');
    for (const priceKrw of [9_007_199_254_740_991, 10_000_000_001]) {
      const absurd = await tallied
        .attack()
        .http()
        .patch(`/api/products/${listed.productId}`)
        .set(listed.seller.auth)
        .send({ priceKrw })
        .expect(400);
      expect(absurd.body.details[0]).toMatchObject({ field: 'priceKrw' });
    }
  });

  it('ten concurrent orders of one product by one buyer with different Idempotency-Keys make exactly one order; once paid, a second is refused', async () => {
    const listed = await listedKampProduct(c, { priceKrw: PRICE, license: 'COMMERCIAL' });
    const buyer = await voucherHolder(c, op, programId, {
      category: 'SME',
      governmentKrw: 10_000_000,
      totalCostKrw: 12_500_000,
    });
    const body = {
      productId: listed.productId,
      voucherId: buyer.voucherId,
      organizationId: buyer.org.id,
      expectedPriceKrw: PRICE,
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        tallied
          .attack()
          .http()
          .post('/api/orders')
          .set(buyer.admin.auth)
          .set('Idempotency-Key', `ten-at-once-${i}`)
          .send(body),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBe(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.body.code)).toEqual(Array(9).fill('ORDER_IN_PROGRESS'));
    expect(refused[0].body.details).toEqual({ orderId: created[0].body.id });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM orders WHERE buyer_organization_id = $1`,
      [buyer.org.id],
    );
    expect(n).toBe(1);
    expect(
      (await c.http().get(`/api/vouchers/${buyer.voucherId}`).set(buyer.admin.auth)).body
        .reservedKrw,
    ).toBe(800_000);

    expect(
      (await confirmAtEmulator(t, created[0].body.payment.paymentIntentId, 'pm_card_visa')).status,
    ).toBe(200);
    for (let i = 0; i < 100; i++) {
      const o = await c.http().get(`/api/orders/${created[0].body.id}`).set(buyer.admin.auth);
      if (o.body.status === 'PAID') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const again = await tallied
      .attack()
      .http()
      .post('/api/orders')
      .set(buyer.admin.auth)
      .send(body)
      .expect(409);
    expect(again.body.code).toBe('ALREADY_ENTITLED');
  });

  it("a seller cannot name a pool processor as its product's maker; only a processing project links them", async () => {
    const processor = await verifiedOrganization(c, op, {
      industryCode: '62010',
      representativeName: '가공대표',
    });
    const pool = await openProgram(c, op, 'PROCESSOR_POOL');
    await selectedApplication(c, op, processor.admin, pool.id, processor.org.id, 'PROCESSOR_POOL');
    const { seller, product } = await sellerNeverVerified('상품대표');
    const res = await tallied
      .attack()
      .http()
      .post('/api/products')
      .set(seller.auth)
      .send({ ...product, processorOrganizationId: processor.org.id })
      .expect(400);
    expect(JSON.stringify(res.body.details)).toContain('processorOrganizationId');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM products WHERE processor_organization_id = $1`,
      [processor.org.id],
    );
    expect(n).toBe(0);
  });

  it('an evaluator who was a member of an organization related to the applicant cannot score it, even after leaving', async () => {
    const evaluator = await evaluatorOnCall();
    const applicant = await verifiedOrganization(c, op, { representativeName: '신청대표' });
    // Another organization of the applicant's representative; the evaluator joined it, then left.
    const sister = await verifiedOrganization(c, op, { representativeName: '신청대표' });
    await addMember(c, sister.admin, sister.org.id, evaluator);
    await c
      .http()
      .post(`/api/organizations/${sister.org.id}/leave`)
      .set(evaluator.auth)
      .expect(204);
    const app = await apply(c, applicant.admin, programId, applicant.org.id, 'PURCHASE_SUPPORT');
    await c.http().post(`/api/applications/${app.id}/submit`).set(applicant.admin.auth).expect(201);
    const res = await tallied
      .attack()
      .http()
      .post(`/api/applications/${app.id}/evaluations`)
      .set(evaluator.auth)
      .send({ score: 99 })
      .expect(403);
    expect(res.body).toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      details: { organizationId: sister.org.id, links: [{ kind: 'SAME_REPRESENTATIVE' }] },
    });
  });

  it('an operator does not act for an organization they are or were a member of, nor a related one: verification, selection, agreements, refunds and payouts go to another operator', async () => {
    // A company's admin who is made an operator: the company declares itself a nonprofit (100%).
    const insider = await signUp(c);
    const own = await createOrganization(c, insider, {
      category: 'NONPROFIT',
      industryCode: '72111',
      representativeName: '내부자대표',
    });
    await grantOperator(c, op, insider);
    const facts = { businessStatus: 'ACTIVE', taxArrears: false, category: 'NONPROFIT' };
    const written = () => counts(t, ['organization_verifications', 'application_transitions']);
    let before = await written();
    const verify = await tallied
      .attack()
      .http()
      .post(`/api/organizations/${own.id}/verification`)
      .set(insider.auth)
      .send(facts)
      .expect(403);
    expect(verify.body).toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      details: { organizationId: own.id, memberOf: own.id, links: [{ kind: 'SAME_ORGANIZATION' }] },
    });
    expect(verify.body.message).toContain('another operator must verify it');
    expect(verify.body.messageKo).toContain('다른 운영자가 처리해 주세요');
    expect(await written()).toEqual(before);

    // Another operator verifies it; its application is scored, and the insider may not decide it.
    await c.http().post(`/api/organizations/${own.id}/verification`).set(op.auth).send(facts);
    const app = await apply(c, insider, programId, own.id, 'PURCHASE_SUPPORT');
    await c.http().post(`/api/applications/${app.id}/submit`).set(insider.auth).expect(201);
    await c
      .http()
      .post(`/api/applications/${app.id}/evaluations`)
      .set(op.auth)
      .send({ score: 90 })
      .expect(201);
    before = await written();
    const decision = { decision: 'selected', reason: '선정' };
    for (const [path, body] of [
      [`/api/applications/${app.id}/decision`, decision],
      [
        `/api/programs/${programId}/decisions`,
        { decisions: [{ applicationId: app.id, ...decision }] },
      ],
    ] as const) {
      const res = await tallied.attack().http().post(path).set(insider.auth).send(body).expect(403);
      expect(res.body.code).toBe('CONFLICT_OF_INTEREST');
    }
    expect(await written()).toEqual(before);
    await c
      .http()
      .post(`/api/applications/${app.id}/decision`)
      .set(op.auth)
      .send(decision)
      .expect(201);
    const moneyBefore = await money();
    const agreement = await tallied
      .attack()
      .http()
      .post(`/api/applications/${app.id}/agreement`)
      .set(insider.auth)
      .send(fullySubsidised())
      .expect(403);
    expect(agreement.body.code).toBe('CONFLICT_OF_INTEREST');
    expect(await money()).toEqual(moneyBefore);

    // An organization an operator linked to the insider's is related: the insider may not verify it.
    const sister = await verifiedOrganization(c, op, { representativeName: '자매대표' });
    await c
      .http()
      .post(`/api/organizations/${own.id}/related-organizations`)
      .set(op.auth)
      .send({ organizationId: sister.org.id, reason: '같은 기업집단' })
      .expect(201);
    const related = await tallied
      .attack()
      .http()
      .post(`/api/organizations/${sister.org.id}/verification`)
      .set(insider.auth)
      .send({ businessStatus: 'ACTIVE', taxArrears: false })
      .expect(403);
    expect(related.body).toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      details: { organizationId: sister.org.id, links: [{ kind: 'RECORDED_BY_OPERATOR' }] },
    });
    expect(related.body.messageKo).toContain('특수관계');

    // A seller the insider joins after a sale: neither its refund nor its payout is theirs to make.
    const { listed, order } = await paidVoucherSale();
    await addMember(c, listed.seller, listed.organizationId, insider);
    const sold = await money();
    for (const [path, body] of [
      [`/api/orders/${order.body.id}/refund`, { reason: '환불' }],
      [
        `/api/organizations/${listed.organizationId}/payouts`,
        { amountKrw: PRICE, reference: '정산' },
      ],
    ] as const) {
      const res = await tallied.attack().http().post(path).set(insider.auth).send(body).expect(403);
      expect(res.body).toMatchObject({
        code: 'CONFLICT_OF_INTEREST',
        details: { organizationId: listed.organizationId },
      });
    }
    expect(await money()).toEqual(sold);
    // Another operator may.
    await c
      .http()
      .post(`/api/orders/${order.body.id}/refund`)
      .set(op.auth)
      .send({ reason: '환불' })
      .expect(201);
  });

  it('membership is by consent: an admin cannot make an evaluator a member (and so conflicted on a rival), and anyone but the last admin may leave', async () => {
    const evaluator = await evaluatorOnCall();
    const rival = await verifiedOrganization(c, op, { representativeName: '경쟁사대표' });
    // The attacker's organization shares the rival's representative, so its members are conflicted.
    const attacker = await signUp(c);
    const front = await createOrganization(c, attacker, { representativeName: '경쟁사대표' });
    const invited = await tallied
      .attack()
      .http()
      .post(`/api/organizations/${front.id}/invitations`)
      .set(attacker.auth)
      .send({ email: evaluator.email, role: 'member' })
      .expect(201);
    expect(invited.body).toEqual({
      id: expect.any(String),
      email: evaluator.email,
      role: 'member',
      status: 'PENDING',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    const app = await apply(c, rival.admin, programId, rival.org.id, 'PURCHASE_SUPPORT');
    await c.http().post(`/api/applications/${app.id}/submit`).set(rival.admin.auth).expect(201);
    await c
      .http()
      .post(`/api/applications/${app.id}/evaluations`)
      .set(evaluator.auth)
      .send({ score: 80 })
      .expect(201);
    // The evaluator declines; a member who joined by consent may leave; the last admin may not.
    await c
      .http()
      .post(`/api/invitations/${invited.body.id}/decline`)
      .set(evaluator.auth)
      .expect(200);
    const joiner = await signUp(c);
    await addMember(c, attacker, front.id, joiner);
    await c.http().post(`/api/organizations/${front.id}/leave`).set(joiner.auth).expect(204);
    const last = await tallied
      .attack()
      .http()
      .post(`/api/organizations/${front.id}/leave`)
      .set(attacker.auth)
      .expect(409);
    expect(last.body.code).toBe('LAST_ADMIN');
    // Leaving does not hide a link: the joiner's past membership still counts.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM membership_records WHERE organization_id = $1 AND user_id = $2`,
      [front.id, joiner.id],
    );
    expect(n).toBe(1);
  });
});
