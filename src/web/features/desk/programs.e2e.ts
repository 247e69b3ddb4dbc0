import { randomInt } from 'node:crypto';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { Caller, ok } from '../../../../scripts/bench/harness.js';
import { CALLS_2024 } from '../../../modules/programs/calls-2024.js';
import { checkPage, signedIn, signIn } from '../../e2e/browser.js';
import {
  loadMarket,
  member,
  OPERATOR,
  openCall,
  PASSWORD,
  operatorCaller,
} from '../../e2e/market.js';

/** A person at their own browser (their own session), on the service under test. */
async function person(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  return context.newPage();
}

async function operatorDesk(browser: Browser, baseURL: string | undefined) {
  const page = await signedIn(browser, baseURL!, OPERATOR.email, '/desk', OPERATOR.password);
  await expect(page.getByRole('heading', { name: '운영 데스크' })).toBeVisible();
  return page;
}

/** Someone signed up through the API; they become an evaluator when the operator assigns them. */
async function signedUp(baseURL: string, who: string) {
  const email = `${who}-${Date.now()}-${randomInt(1e6)}@e2e.local`;
  await new Caller(baseURL).signIn(email, PASSWORD, who);
  return email;
}

async function assignEvaluator(page: Page, programId: string, email: string) {
  await page.goto(`/desk/programs/${programId}?tab=evaluators`);
  await page.getByLabel('평가위원 이메일').fill(email);
  await page.getByRole('button', { name: '평가위원 배정' }).click();
  await expect(page.getByRole('cell', { name: email })).toBeVisible();
}

async function openApplicationToScore(
  browser: Browser,
  baseURL: string,
  email: string,
  applicant: string,
) {
  const page = await signedIn(browser, baseURL, email, '/evaluations');
  await expect(page.getByRole('heading', { name: '평가할 신청서' })).toBeVisible();
  await page.getByRole('link', { name: applicant }).click();
  await expect(page.getByRole('region', { name: '평가표' })).toBeVisible();
  return page;
}

const thisYear = (title: string) => title.replace('2024', String(new Date().getFullYear()));

test('the operator opens the three calls; a processor applies to the pool, an evaluator passes it and the operator selects all passing', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const op = await operatorDesk(browser, baseURL);
  await checkPage(op, 'desk');
  // 1. The three calls of the announcement, each started from its 2024 text and terms.
  for (const call of CALLS_2024) {
    await op.getByRole('button', { name: '새 공고' }).click();
    await op.getByRole('combobox', { name: '2024년 공고에서 시작' }).click();
    await op.getByRole('option', { name: call.title, exact: true }).click();
    await expect(op.getByLabel('공고명')).toHaveValue(thisYear(call.title));
    if (call.kind === 'PROCESSING_SUPPORT') {
      await expect(op.getByText('정부지원 최대 80%, 과제당 최대 50,000,000원')).toBeVisible();
      await checkPage(op, 'desk-new-call');
    }
    await op.getByRole('button', { name: '공고 열기' }).click();
    await expect(op.getByRole('button', { name: '새 공고' })).toBeVisible();
  }
  const poolTitle = thisYear(CALLS_2024[0].title);
  await op.getByRole('link', { name: poolTitle }).first().click();
  await op.waitForURL(/\/desk\/programs\/[0-9a-f-]{36}/);
  const poolId = new URL(op.url()).pathname.split('/').pop()!;

  // 2. A processor applies to the pool in the browser.
  const processor = await member(baseURL!, await operatorCaller(baseURL!), 'processor', {
    name: `가공랩 ${randomInt(1e6)}`,
    category: 'SME',
    industryCode: '62010',
  });
  const proc = await person(browser, baseURL);
  await signIn(proc, processor.email, '/programs');
  await expect(proc.getByRole('heading', { name: '지원사업 공고' })).toBeVisible();
  await checkPage(proc, 'programs');
  await proc.goto(`/programs/${poolId}`);
  await expect(proc.getByText('신청할 수 있습니다')).toBeVisible();
  // The form says what is missing before anything is sent, field by field.
  await proc.getByRole('button', { name: '임시 저장' }).click();
  await expect(proc.getByText('기술을 하나 이상 선택해 주세요.')).toBeVisible();
  await proc.getByLabel('사업 개요').fill('제조 데이터 전처리·라벨링 전문 기업');
  await proc.getByLabel('가공 인력 (명)').fill('12');
  await proc.getByRole('checkbox', { name: '전처리' }).check();
  await proc.getByRole('checkbox', { name: '라벨링' }).check();
  await proc.getByRole('combobox', { name: '주요 산업 (KSIC)' }).fill('24');
  await proc.getByRole('combobox', { name: '주요 산업 (KSIC)' }).press('Enter');
  await checkPage(proc, 'program-apply');
  await proc.getByRole('button', { name: '임시 저장' }).click();
  await expect(proc.getByRole('heading', { name: /신청서$/ })).toBeVisible();
  await proc.getByRole('button', { name: '제출' }).click();
  await expect(proc.getByText('평가 중').first()).toBeVisible();
  await checkPage(proc, 'application');

  // The operator assigns an evaluator, who passes it on the checklist.
  const evaluatorEmail = await signedUp(baseURL!, 'evaluator');
  await assignEvaluator(op, poolId, evaluatorEmail);
  const ev = await openApplicationToScore(
    browser,
    baseURL!,
    evaluatorEmail,
    processor.organizationName,
  );
  await checkPage(ev, 'evaluation-checklist');
  await ev.getByRole('button', { name: '평가표 제출' }).click();
  await expect(ev.getByText('입력해 주세요.').first()).toBeVisible();
  const sheet = ev.getByRole('region', { name: '평가표' });
  for (const box of await sheet.getByRole('checkbox').all()) await box.check();
  for (const comment of await ev.getByPlaceholder('확인한 근거').all())
    await comment.fill('증빙 확인');
  await ev.getByRole('button', { name: '평가표 제출' }).click();
  await expect(ev.getByText('평가표를 제출했습니다.')).toBeVisible();

  // The operator selects every application that passed.
  await op.goto(`/desk/programs/${poolId}?tab=ranking`);
  await expect(op.getByRole('cell', { name: '적합' })).toBeVisible();
  await checkPage(op, 'desk-ranking');
  await op.getByRole('button', { name: '요건 충족 1건 모두 선정' }).click();
  await expect(op.getByText('1건을 선정했습니다.')).toBeVisible();
  await proc.reload();
  await expect(proc.getByText('선정', { exact: true }).first()).toBeVisible();

  // The processor is in the public directory, and edits its profile there: staff and capacity.
  await proc.getByRole('link', { name: '가공기업', exact: true }).click();
  await proc.getByLabel('이름·기술·업종 검색').fill(processor.organizationName);
  await proc.getByLabel('이름·기술·업종 검색').press('Enter');
  await expect(proc).toHaveURL(/[?&]q=/);
  await checkPage(proc, 'processors');
  await proc.getByRole('link', { name: processor.organizationName }).click();
  await proc.getByRole('button', { name: '프로필 수정' }).click();
  await proc.getByLabel('가공 인력 (명)').fill('15');
  await proc.getByLabel('동시에 맡을 수 있는 과제 수').fill('2');
  await checkPage(proc, 'processor-edit');
  await proc.getByRole('button', { name: '변경 저장' }).click();
  await expect(proc.getByText('최대 2건, 진행 중 0건, 여유 2건')).toBeVisible();
  await expect(proc.getByText('인력 15명')).toBeVisible();
});

test('a manufacturer applies for processing support, two evaluators score it, the operator selects it and signs an agreement within the terms', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const api = await operatorCaller(baseURL!);
  const call = await openCall(api, 'PROCESSING_SUPPORT');
  const owner = await member(baseURL!, api, 'owner', {
    name: `한국용해 ${randomInt(1e6)}`,
    category: 'SME',
    industryCode: '24311',
  });
  const page = await signedIn(browser, baseURL!, owner.email, `/programs/${call.id}`);
  await page.getByLabel('사업 개요').fill('용해탱크 데이터 상품화');
  await page.getByLabel('보유 데이터 설명').fill('온도·교반속도·중량·검사 결과');
  await page.getByLabel('데이터 규모').fill('약 80만 행, 2년치');
  await page.getByLabel('가공 목표').fill('불량 예측 학습 데이터셋');
  await page.getByLabel('신청 정부지원금').fill('50000000');
  await page.getByRole('button', { name: '임시 저장' }).click();
  await page.getByRole('button', { name: '제출' }).click();
  await expect(page.getByText('평가 중').first()).toBeVisible();

  const op = await operatorDesk(browser, baseURL);
  const sheets = [
    [25, 25, 20, 12],
    [28, 26, 22, 13],
  ];
  for (const [i, points] of sheets.entries()) {
    const email = await signedUp(baseURL!, `evaluator${i}`);
    await assignEvaluator(op, call.id, email);
    const ev = await openApplicationToScore(browser, baseURL!, email, owner.organizationName);
    const inputs = ev.getByRole('region', { name: '평가표' }).getByRole('textbox');
    // A score over a criterion's maximum is refused in the sheet.
    await inputs.nth(0).fill('31');
    await ev.getByRole('button', { name: '평가표 제출' }).click();
    await expect(ev.getByText('0~30점 사이로 입력해 주세요.')).toBeVisible();
    for (const [n, p] of points.entries()) await inputs.nth(n).fill(String(p));
    await expect(ev.getByText(`합계 ${points.reduce((a, b) => a + b)}점`)).toBeVisible();
    if (i === 0) await checkPage(ev, 'evaluation-scored');
    await ev.getByRole('button', { name: '평가표 제출' }).click();
    await expect(ev.getByText('평가표를 제출했습니다.')).toBeVisible();
  }

  await op.goto(`/desk/programs/${call.id}?tab=ranking`);
  await expect(op.getByRole('cell', { name: '85.5' })).toBeVisible();
  await op.getByRole('link', { name: owner.organizationName }).click();
  await expect(op.getByRole('region', { name: '선정 결정' })).toBeVisible();
  await op.getByLabel('사유').fill('평가 결과 우수');
  await op.getByRole('button', { name: '선정', exact: true }).click();
  await expect(op.getByText('평가 결과 우수').first()).toBeVisible();
  await expect(op.getByRole('heading', { name: '협약 체결' })).toBeVisible();
  // A government share over 80% (and over the cap) is refused in the form, before it is sent.
  await op.getByLabel('정부지원금', { exact: true }).fill('55000000');
  const refusal = op.getByRole('alert').filter({ hasText: '공고의 조건을 벗어납니다' });
  await expect(refusal).toContainText('80% 이내');
  await expect(refusal).toContainText('최대 50,000,000원');
  await expect(op.getByRole('button', { name: '협약 체결' })).toBeDisabled();
  await checkPage(op, 'agreement-refused');
  await op.getByLabel('정부지원금', { exact: true }).fill('50000000');
  await expect(refusal).toBeHidden();
  await expect(op.getByText(/체결 후 예산 잔액: 1,200,000,000원/)).toBeVisible();
  await op.getByRole('button', { name: '협약 체결' }).click();
  await expect(
    op.getByText(
      '총사업비 62,500,000원 = 정부지원 50,000,000원 + 기업부담 12,500,000원 (현금 1,250,000원)',
    ),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: '협약' })).toBeVisible();
});

test('an SME applies for purchase support, is scored and selected, gets a voucher with its agreement and buys the listed product with it; completing the agreement gives back what the voucher did not spend', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const m = loadMarket();
  const api = await operatorCaller(baseURL!);
  const call = await openCall(api, 'PURCHASE_SUPPORT');
  const sme = await member(baseURL!, api, 'voucher-sme', {
    name: `스마트주물 ${randomInt(1e6)}`,
    category: 'SME',
    industryCode: '24311',
  });
  // 6. The SME applies in the browser: the purchase plan, checked as typed, saved and submitted.
  const page = await signedIn(browser, baseURL!, sme.email, `/programs/${call.id}`);
  await expect(page.getByText('신청할 수 있습니다')).toBeVisible();
  await page.getByLabel('사업 개요').fill('주조 공정 불량 예측 모델 개발');
  await page.getByRole('combobox', { name: '구매할 데이터 상품' }).fill('용해탱크');
  await page.getByRole('combobox', { name: '구매할 데이터 상품' }).press('Enter');
  await page.getByLabel('활용 목적').fill('용해 공정 불량 예측 학습');
  await page.getByLabel('신청 정부지원금').fill('2000000');
  await checkPage(page, 'program-apply-purchase');
  await page.getByRole('button', { name: '임시 저장' }).click();
  await page.getByRole('button', { name: '제출' }).click();
  await expect(page.getByText('평가 중').first()).toBeVisible();
  const applicationId = new URL(page.url()).pathname.split('/').pop()!;

  // An evaluator scores it (the browser's score sheet is step 3); the operator selects it and
  // signs the agreement at the desk, which issues the voucher.
  const evaluator = await signedUp(baseURL!, 'voucher-evaluator');
  const op = await operatorDesk(browser, baseURL);
  await assignEvaluator(op, call.id, evaluator);
  const ev = new Caller(baseURL!);
  await ev.signIn(evaluator, PASSWORD);
  await ok(
    ev.api.POST('/api/applications/{id}/evaluations', {
      params: { path: { id: applicationId } },
      body: { score: 85 },
    }),
  );
  await op.goto(`/applications/${applicationId}`);
  await op.getByLabel('사유').fill('활용 목적이 구체적임');
  await op.getByRole('button', { name: '선정', exact: true }).click();
  await expect(op.getByRole('heading', { name: '협약 체결' })).toBeVisible();
  await expect(op.getByLabel('총사업비')).toHaveValue('2,500,000원');
  await op.getByRole('button', { name: '협약 체결' }).click();
  await expect(
    op.getByText('총사업비 2,500,000원 = 정부지원 2,000,000원 + 기업부담 500,000원'),
  ).toBeVisible();

  // The SME sees its voucher with the agreement, and goes from there to the data.
  await page.reload();
  const voucher = page.getByTestId('agreement-voucher');
  await expect(voucher).toContainText('바우처 발급: 한도 2,000,000원, 상품 가격의 80%를 지원');
  await checkPage(page, 'application-voucher');
  await voucher.getByRole('link', { name: '바우처로 데이터 찾기' }).click();
  await page.getByRole('searchbox', { name: '검색어' }).fill('용해탱크');
  await page.getByRole('button', { name: '검색', exact: true }).click();
  await page.getByRole('link', { name: m.productTitle }).click();
  await expect(page.getByTestId('voucher-split')).toHaveText(
    '정부지원 80% 1,600,000원 / 자부담 400,000원',
  );
  await page.getByRole('link', { name: '구매하기' }).click();
  await expect(page.getByTestId('quote-voucher')).toHaveText('1,600,000원');
  await page.getByRole('button', { name: '주문하고 결제하기' }).click();
  await page.getByRole('radio', { name: /Visa/ }).check();
  await page.getByRole('button', { name: '400,000원 결제' }).click();
  await expect(page.getByText('결제가 끝났습니다')).toBeVisible();
  // The voucher spent what the quote said; the rest is left to spend.
  await page.goto(`/applications/${applicationId}`);
  await expect(voucher).toContainText('남은 바우처 400,000원');

  // The operator completes the agreement: what the voucher did not spend goes back to the budget.
  await op.reload();
  await op.getByRole('button', { name: '협약 완료' }).click();
  await op.getByRole('dialog').getByLabel('사유').fill('구매 완료, 잔액 반납');
  await op.getByRole('dialog').getByRole('button', { name: '협약 완료' }).click();
  await expect(op.getByText('예산으로 돌아간 금액: 400,000원')).toBeVisible();
  const budget = await ok(
    api.api.GET('/api/programs/{id}/budget', { params: { path: { id: call.id } } }),
  );
  expect(budget).toMatchObject({ spentKrw: 1_600_000, releasedKrw: 400_000, committedKrw: 0 });
});
