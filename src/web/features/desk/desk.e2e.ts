import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { Caller, ok } from '../../../../scripts/bench/harness.js';
import { won } from '../../common/format.js';
import { checkPage, signedIn } from '../../e2e/browser.js';
import {
  listedProduct,
  loadMarket,
  member,
  OPERATOR,
  openCall,
  PASSWORD,
  poolProcessor,
  registrationNumber,
  voucherFor,
  operatorCaller,
} from '../../e2e/market.js';

/** The market's product bought by `buyer`, paid in full by its voucher (a nonprofit's 100%). */
function buyWithVoucher(buyer: { c: Caller; organizationId: string }, voucherId: string) {
  const m = loadMarket();
  return ok(
    buyer.c.api.POST('/api/orders', {
      body: {
        productId: m.productId,
        voucherId,
        organizationId: buyer.organizationId,
        expectedPriceKrw: m.priceKrw,
      },
    }),
  );
}

test("the operator's desk: budgets as the ledger has them, competing claims to a number verified, the reports and their Excel file agree on the sales, and a processor is suspended and reinstated with reasons the audit trail keeps", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const m = loadMarket();
  const api = await operatorCaller(baseURL!);
  // A pool member to suspend, made through the API (its application is step 2 of programs.e2e).
  const pool = await openCall(api, 'PROCESSOR_POOL');
  const lab = await member(baseURL!, api, 'pool', {
    name: `정지시험랩 ${randomInt(1e6)}`,
    category: 'SME',
    industryCode: '62010',
  });
  await poolProcessor(api, lab, pool.id);
  // A sale of its own, paid in full by a nonprofit's voucher, so the reports have money in them.
  const lab2 = await member(baseURL!, api, 'report-buyer', {
    name: `보고서 연구소 ${randomInt(1e6)}`,
    category: 'NONPROFIT',
    industryCode: '72111',
  });
  const voucherId = await voucherFor(api, lab2, m.purchaseProgramId, m.priceKrw, m.priceKrw);
  const order = await buyWithVoucher(lab2, voucherId);
  expect(order.status).toBe('PAID');

  // Two organizations claim one registration number: a real one and a squatter.
  const number = registrationNumber();
  const claim = async (name: string) => {
    const c = new Caller(baseURL!);
    await c.signIn(`claim-${Date.now()}-${randomInt(1e6)}@e2e.local`, PASSWORD, name);
    const org = await ok(
      c.api.POST('/api/organizations', {
        body: {
          name,
          registrationNumber: number,
          representativeName: `${name} 대표`,
          category: 'NONPROFIT',
          industryCode: '72111',
        },
      }),
    );
    return { c, org };
  };
  const real = await claim(`확인시험 연구원 ${randomInt(1e6)}`);
  const squatter = await claim(`확인시험 사칭 ${randomInt(1e6)}`);

  const op = await signedIn(browser, baseURL!, OPERATOR.email, '/desk', OPERATOR.password);
  // 1. The overview: the purchase call's money is the ledger's, won for won.
  const budget = await ok(
    api.api.GET('/api/programs/{id}/budget', { params: { path: { id: m.purchaseProgramId } } }),
  );
  const row = op.locator(`tr[data-program="${m.purchaseProgramId}"]`);
  for (const k of ['budgetKrw', 'committedKrw', 'spentKrw', 'releasedKrw', 'availableKrw'] as const)
    await expect(row.locator(`[data-money=${k}]`)).toHaveText(won(budget[k]));
  await expect(op.getByTestId('desk-owed')).toBeVisible();
  await checkPage(op, 'desk-overview');

  // 2. The verification queue: both claims wait, each marked as competing; confirming the real
  // one, after seeing what its category changes, rejects the squatter's.
  await op.getByRole('tab', { name: '기관 확인' }).click();
  const realRow = op.getByTestId('verify-row').filter({ hasText: real.org.name });
  await expect(realRow).toContainText('같은 번호 1곳 더');
  await expect(op.getByTestId('verify-row').filter({ hasText: squatter.org.name })).toHaveCount(1);
  await realRow.getByRole('button', { name: '확인하기' }).click();
  const effect = op.getByTestId('verify-effect');
  await expect(effect).toContainText('구매지원: 정부지원 최대 100%, 상한 없음');
  await expect(effect).toContainText('가공지원: 지원 대상이 아닙니다');
  await op.getByRole('combobox', { name: '확인한 기업 구분' }).click();
  await op.getByRole('option', { name: '중소기업' }).click();
  await expect(effect).toContainText('구매지원: 정부지원 최대 80%, 상한 10,000,000원');
  await expect(effect).toContainText('가공지원: 정부지원 최대 80%, 상한 50,000,000원');
  await checkPage(op, 'desk-verify');
  await op.getByLabel('확인 내용').fill('사업자등록증명, 중소기업확인서 확인');
  await op.getByRole('button', { name: '확인 기록' }).click();
  await expect(realRow).toHaveCount(0);
  await expect(op.getByTestId('verify-row').filter({ hasText: squatter.org.name })).toHaveCount(0);
  const seen = await ok(
    squatter.c.api.GET('/api/organizations/{id}', { params: { path: { id: squatter.org.id } } }),
  );
  expect(seen.registration.status).toBe('REJECTED');

  // 3. Reports: the sales on the page, and the same in the Excel workbook. Other tests sell at
  // the same time: the three are read again until no sale fell between them (a real difference
  // stays and fails).
  await op.getByRole('tab', { name: '보고서' }).click();
  await expect(async () => {
    await op.reload();
    const report = (await ok(api.api.GET('/api/reports/exchange'))) as {
      totals: { sales: number; valueKrw: number; voucherKrw: number; ownKrw: number };
    };
    await expect(op.getByTestId('report-valueKrw').locator('dd')).toHaveText(
      won(report.totals.valueKrw),
      { timeout: 5_000 },
    );
    await expect(op.getByTestId('report-voucherKrw').locator('dd')).toHaveText(
      won(report.totals.voucherKrw),
      { timeout: 5_000 },
    );
    const [download] = await Promise.all([
      op.waitForEvent('download'),
      op
        .getByRole('region', { name: '거래소 보고서' })
        .getByRole('button', { name: 'Excel 내려받기' })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('exchange.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const months = book.getWorksheet('월별 거래')!;
    const header = (months.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    let value = 0;
    let voucher = 0;
    months.eachRow((r, n) => {
      if (n === 1) return;
      value += Number(r.getCell(col('판매액(원)')).value);
      voucher += Number(r.getCell(col('바우처 부담(원)')).value);
    });
    expect(value).toBe(report.totals.valueKrw);
    expect(voucher).toBe(report.totals.voucherKrw);
    expect(value).toBeGreaterThan(0);
  }).toPass({ timeout: 45_000 });
  await checkPage(op, 'desk-reports');
  // A call's report: the oldest call of a title of its own (among the first 100) is found by that
  // title on the server, and its CSV downloads.
  const calls = await ok(api.api.GET('/api/programs', { params: { query: { pageSize: 100 } } }));
  const once = calls.items.filter(
    (c) => calls.items.filter((other) => other.title === c.title).length === 1,
  );
  const oldest = once[once.length - 1];
  const callReport = op.getByRole('region', { name: '사업별 보고서' });
  await callReport.getByRole('combobox', { name: '공고' }).fill(oldest.title);
  // Another test may open a call of the same title meanwhile: the option is picked by its id.
  await op.locator(`[role="option"][value="${oldest.id}"]`).click();
  const [csv] = await Promise.all([
    op.waitForEvent('download'),
    callReport.getByRole('button', { name: 'CSV 내려받기' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`program-${oldest.id}.csv`);

  // 4. The pool: suspend with a reason, find it among the suspended, reinstate with a reason.
  await op.getByRole('tab', { name: '가공기업 풀' }).click();
  await op.getByLabel('이름·기술·업종 검색').fill(lab.organizationName);
  const entry = op.getByTestId('pool-member').filter({ hasText: lab.organizationName });
  await entry.getByRole('button', { name: '정지' }).click();
  await entry.getByLabel('정지 사유').fill('가공 결과물 품질 기준 미달');
  await entry.getByRole('button', { name: '정지', exact: true }).click();
  await expect(entry).toHaveCount(0);
  await op.getByText('정지됨', { exact: true }).click();
  await expect(entry).toContainText('정지 사유: 가공 결과물 품질 기준 미달');
  await checkPage(op, 'desk-pool');
  await entry.getByRole('button', { name: '정지 해제' }).click();
  await entry.getByLabel('해제 사유').fill('시정 조치 확인');
  await entry.getByRole('button', { name: '정지 해제' }).click();
  await expect(entry).toHaveCount(0);
  await op.getByText('활동 중', { exact: true }).click();
  await expect(entry).toHaveCount(1);

  // 5. The audit trail keeps both, with their reasons, found by filter.
  await op.getByRole('tab', { name: '감사 기록' }).click();
  await op.getByLabel('대상 ID').fill(lab.organizationId);
  await op.getByRole('button', { name: '조회' }).click();
  const table = op.getByTestId('audit-table');
  await expect(table.getByText('processor.suspended')).toBeVisible();
  await expect(table.getByText('가공기업 정지', { exact: true })).toBeVisible();
  await expect(table.getByText('processor.reinstated')).toBeVisible();
  await expect(table).toContainText('가공 결과물 품질 기준 미달');
  await checkPage(op, 'desk-audit');
});

test('the operator edits a call and its budget, is warned of a conflict of interest before assigning an evaluator, refunds an order with a reason, records a payout, never more than owed, and delists a product with a reason the seller hears', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const m = loadMarket();
  const api = await operatorCaller(baseURL!);
  // A call with one submitted application; its applicant's own admin is proposed as evaluator.
  const call = await openCall(api, 'PURCHASE_SUPPORT');
  const applicant = await member(baseURL!, api, 'conflict', {
    name: `이해관계 시험 ${randomInt(1e6)}`,
    category: 'SME',
    industryCode: '29294',
  });
  const app = await ok(
    applicant.c.api.POST('/api/programs/{id}/applications', {
      params: { path: { id: call.id } },
      body: {
        organizationId: applicant.organizationId,
        plan: {
          summary: '검사 데이터 구매',
          productsWanted: ['용해탱크'],
          intendedUse: '불량 예측',
          requestedGovernmentKrw: 1_000_000,
        } as never,
      },
    }),
  );
  await ok(
    applicant.c.api.POST('/api/applications/{id}/submit', { params: { path: { id: app.id } } }),
  );
  // A sale paid in full by a nonprofit's voucher, to be refunded.
  const buyer = await member(baseURL!, api, 'refund-buyer', {
    name: `환불 연구소 ${randomInt(1e6)}`,
    category: 'NONPROFIT',
    industryCode: '72111',
  });
  const voucherId = await voucherFor(api, buyer, m.purchaseProgramId, m.priceKrw, m.priceKrw);
  const order = await buyWithVoucher(buyer, voucherId);
  expect(order.status).toBe('PAID');

  // 1. The call is edited: a new title and more budget, which the ledger grants.
  const op = await signedIn(
    browser,
    baseURL!,
    OPERATOR.email,
    `/desk/programs/${call.id}`,
    OPERATOR.password,
  );
  await op.getByRole('button', { name: '공고 수정' }).click();
  const form = op.getByRole('region', { name: '공고 수정' });
  await expect(form.getByText('접수가 시작된 공고의 지원 조건은 바꿀 수 없습니다')).toBeVisible();
  await form.getByLabel('공고명').fill(`${call.title} (추경)`);
  await form.getByLabel('예산').fill('');
  await form.getByRole('button', { name: '변경 저장' }).click();
  await expect(form.getByText('1원 이상의 금액을 입력해 주세요.')).toBeVisible();
  await form.getByLabel('예산').fill(String(call.budgetKrw! + 100_000_000));
  await checkPage(op, 'desk-call-edit');
  await form.getByRole('button', { name: '변경 저장' }).click();
  await expect(op.getByRole('heading', { level: 1, name: `${call.title} (추경)` })).toBeVisible();
  const budget = op.getByRole('region', { name: '예산' });
  await expect(budget).toContainText(won(call.budgetKrw! + 100_000_000));
  const ledger = await ok(
    api.api.GET('/api/programs/{id}/budget', { params: { path: { id: call.id } } }),
  );
  expect(ledger.budgetKrw).toBe(call.budgetKrw! + 100_000_000);

  // The call's applications, counted by status on the server; a status chip narrows the list.
  const applications = op.getByRole('tabpanel', { name: '신청서' });
  await expect(applications.getByRole('radio', { name: '전체 1' })).toBeChecked();
  await expect(applications.getByRole('link', { name: applicant.organizationName })).toBeVisible();
  await applications.locator('label', { hasText: '평가 중 1' }).click();
  await expect(applications.getByRole('radio', { name: '평가 중 1' })).toBeChecked();
  await expect(applications.getByRole('row')).toHaveCount(2);
  await expect(applications.getByRole('cell', { name: '검사 데이터 구매' })).toBeVisible();

  // 2. The applicant's own admin as evaluator: the conflict is named before the assignment.
  await op.getByRole('tab', { name: '평가위원' }).click();
  await op.getByLabel('평가위원 이메일').fill(applicant.email);
  await op.getByRole('button', { name: '평가위원 배정' }).click();
  const warning = op.getByRole('alert').filter({ hasText: '평가할 수 없습니다' });
  await expect(warning).toContainText(applicant.organizationName);
  await checkPage(op, 'desk-conflict');
  await warning.getByRole('button', { name: '취소' }).click();
  await expect(warning).toHaveCount(0);
  const evaluators = await ok(
    api.api.GET('/api/programs/{id}/evaluators', { params: { path: { id: call.id } } }),
  );
  expect(evaluators.items).toEqual([]);

  // 3. Money: the order refunded with a reason; the voucher has its money back.
  await op.goto('/desk?tab=money');
  const orderRow = op.getByRole('row').filter({ hasText: buyer.organizationName });
  await orderRow.getByRole('button', { name: '환불' }).click();
  const dialog = op.getByRole('dialog');
  await expect(dialog).toContainText('바우처 사용액 2,000,000원은');
  await dialog.getByLabel('환불 사유').fill('데이터 설명과 다른 파일 (구매기관 이의 제기)');
  await dialog.getByRole('button', { name: '환불' }).click();
  await expect(orderRow).toHaveCount(0);
  const refunded = await ok(
    buyer.c.api.GET('/api/orders/{id}', { params: { path: { id: order.id } } }),
  );
  expect(refunded.status).toBe('REFUNDED');
  const voucher = await ok(
    buyer.c.api.GET('/api/vouchers/{id}', { params: { path: { id: voucherId } } }),
  );
  expect(voucher.balanceKrw).toBe(m.priceKrw);
  // The money given back buys again: the seller is owed for this sale.
  const again = await buyWithVoucher(buyer, voucherId);
  expect(again.status).toBe('PAID');
  await op.reload();

  // 4. A payout to the seller: more than owed is refused in the form; the payout is recorded.
  const seller = (
    await ok(api.api.GET('/api/products/{id}', { params: { path: { id: m.productId } } }))
  ).seller!;
  const before = await ok(
    api.api.GET('/api/organizations/{id}/payouts', {
      params: { path: { id: seller.organizationId } },
    }),
  );
  const sellerRow = op.getByRole('row').filter({ hasText: seller.name });
  await sellerRow.getByRole('button', { name: '지급 기록' }).click();
  await sellerRow.getByLabel('지급액').fill(String(before.owedKrw + 1));
  await expect(sellerRow.getByText('보다 많이 지급할 수 없습니다')).toBeVisible();
  await sellerRow.getByLabel('지급액').fill('1000000');
  await sellerRow.getByLabel('이체 확인').fill('12월 정산, 이체 확인번호 E2E');
  await checkPage(op, 'desk-money');
  await sellerRow.getByRole('button', { name: '지급 기록' }).click();
  // The form closes when the payout is recorded.
  await expect(sellerRow.getByLabel('이체 확인')).toHaveCount(0);
  const after = await ok(
    api.api.GET('/api/organizations/{id}/payouts', {
      params: { path: { id: seller.organizationId } },
    }),
  );
  expect(after.paidOutKrw).toBe(before.paidOutKrw + 1_000_000);
  expect(after.payouts[0]).toMatchObject({
    amountKrw: 1_000_000,
    reference: '12월 정산, 이체 확인번호 E2E',
  });

  // 5. A product taken off sale by the operator, with a reason the seller hears.
  const shop = await member(baseURL!, api, 'delist-seller', {
    name: `중지시험 ${randomInt(1e6)}`,
    category: 'SME',
    industryCode: '24311',
  });
  const title = `중지시험 데이터 ${randomInt(1e6)}`;
  const productId = await listedProduct(shop.c, shop.organizationId, title, 1_000_000);
  await op.goto(`/products/${productId}`);
  await expect(op.getByRole('button', { name: '판매 중지 (운영자)' })).toBeVisible();
  // The operator runs the exchange and belongs to no organization: nothing to buy.
  await expect(op.getByRole('link', { name: '구매하기' })).toHaveCount(0);
  await op.getByRole('button', { name: '판매 중지 (운영자)' }).click();
  const delist = op.getByRole('dialog');
  await expect(delist).toContainText('판매자의 1년 판매 의무와 관계없이');
  await delist.getByLabel('판매를 멈추는 이유').fill('권리 침해 신고 확인');
  await delist.getByRole('button', { name: '판매 중지 (운영자)' }).click();
  await expect(op.getByText('판매 중지', { exact: true })).toBeVisible();
  const product = await ok(
    api.api.GET('/api/products/{id}', { params: { path: { id: productId } } }),
  );
  expect(product).toMatchObject({ status: 'DELISTED', delistReason: '권리 침해 신고 확인' });
  await expect
    .poll(async () =>
      (await ok(shop.c.api.GET('/api/me/notifications'))).items.map((n) => n.bodyKo),
    )
    .toContain('사유: 권리 침해 신고 확인');
});
