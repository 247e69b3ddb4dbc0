import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { Caller, ok } from '../../../../scripts/bench/harness.js';
import { won } from '../../common/format.js';
import { checkPage, signedIn } from '../../e2e/browser.js';
import {
  loadMarket,
  member,
  OPERATOR,
  openCall,
  PASSWORD,
  poolProcessor,
  registrationNumber,
  voucherFor,
} from '../../e2e/market.js';

test("the operator's desk: budgets as the ledger has them, competing claims to a number verified, the reports and their Excel file agree on the sales, and a processor is suspended and reinstated with reasons the audit trail keeps", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const m = loadMarket();
  const api = new Caller(baseURL!);
  await api.signIn(OPERATOR.email, OPERATOR.password);
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
  const order = await ok(
    lab2.c.api.POST('/api/orders', {
      body: {
        productId: m.productId,
        voucherId,
        organizationId: lab2.organizationId,
        expectedPriceKrw: m.priceKrw,
      },
    }),
  );
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

  // 3. Reports: the sales on the page, and the same in the Excel workbook.
  await op.getByRole('tab', { name: '보고서' }).click();
  const report = (await ok(api.api.GET('/api/reports/exchange'))) as {
    totals: { sales: number; valueKrw: number; voucherKrw: number; ownKrw: number };
  };
  await expect(op.getByTestId('report-valueKrw').locator('dd')).toHaveText(
    won(report.totals.valueKrw),
  );
  await expect(op.getByTestId('report-voucherKrw').locator('dd')).toHaveText(
    won(report.totals.voucherKrw),
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
  await checkPage(op, 'desk-reports');

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
  await expect(table.getByText('processor.reinstated')).toBeVisible();
  await expect(table).toContainText('가공 결과물 품질 기준 미달');
  await checkPage(op, 'desk-audit');
});
