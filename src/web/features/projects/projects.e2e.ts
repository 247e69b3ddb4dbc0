import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { ok } from '../../../../scripts/bench/harness.js';
import { checkPage, sha256, signedIn } from '../../e2e/browser.js';
import {
  kampFile,
  member,
  OPERATOR,
  openCall,
  poolProcessor,
  processingProject,
  verifiedDataset,
  operatorCaller,
} from '../../e2e/market.js';

const milestone = (page: Page, name: string) => page.getByTestId(`milestone-${name}`);

/** Picks an option of a Mantine select inside `scope`. */
async function choose(
  page: Page,
  scope: ReturnType<Page['getByTestId']>,
  label: string,
  option: string | RegExp,
) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function submit(page: Page, name: string, note: string) {
  const m = milestone(page, name);
  await choose(page, m, '산출물 데이터셋', '용해탱크 품질 예측 데이터셋');
  await choose(page, m, '버전', /v1/);
  await m.getByLabel('제출 메모').fill(note);
  await m.getByRole('button', { name: '단계 제출' }).click();
  await expect(m).toHaveAttribute('data-status', 'SUBMITTED');
}

async function accept(page: Page, name: string) {
  await page.reload();
  const m = milestone(page, name);
  await m.getByRole('button', { name: '승인' }).click();
  await expect(m).toHaveAttribute('data-status', 'ACCEPTED');
}

test('the operator matches a processor; the owner shares raw data and pays its cash share by card; the processor delivers three milestones, one returned once, and the product is listed under the one-year rule', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const op = await operatorCaller(baseURL!);
  const [pool, call] = await Promise.all([
    openCall(op, 'PROCESSOR_POOL'),
    openCall(op, 'PROCESSING_SUPPORT'),
  ]);
  const n = randomInt(1e6);
  const [owner, lab] = await Promise.all([
    member(baseURL!, op, 'owner', {
      name: `한국용해 ${n}`,
      category: 'SME',
      industryCode: '24311',
    }),
    member(baseURL!, op, 'lab', {
      name: `데이터가공랩 ${n}`,
      category: 'SME',
      industryCode: '62010',
    }),
  ]);
  await poolProcessor(op, lab, pool.id);
  const [projectId] = await Promise.all([
    processingProject(op, owner, call.id),
    verifiedDataset(owner.c, owner.organizationId, '용해탱크 원천 데이터'),
    verifiedDataset(lab.c, lab.organizationId, '용해탱크 품질 예측 데이터셋'),
  ]);

  // 4. The operator matches the processor, suggested first for the owner's industry.
  const desk = await signedIn(
    browser,
    baseURL!,
    OPERATOR.email,
    `/projects/${projectId}`,
    OPERATOR.password,
  );
  await expect(desk.getByRole('heading', { name: '가공기업 매칭' })).toBeVisible();
  // The plan asked for preprocessing and labelling: the lab offers both, and has room.
  const choice = desk.getByRole('radio', { name: new RegExp(lab.organizationName) });
  await expect(choice).toBeEnabled();
  const labRow = desk.locator('label').filter({ hasText: lab.organizationName });
  await expect(labRow).toContainText('필요 기술 2/2');
  await expect(labRow).toContainText(/여유 \d+건/);
  await checkPage(desk, 'project-match');
  await choice.check();
  await desk.getByRole('button', { name: '이 가공기업으로 매칭' }).click();
  await expect(desk.getByTestId('project-status')).toHaveText('수행 중');

  // The owner shares raw data and pays the cash part of its share by card.
  const own = await signedIn(browser, baseURL!, owner.email, `/projects/${projectId}`);
  const raw = own.getByRole('region', { name: '원천 데이터' });
  // The owner's datasets are found by title on the server as the owner types.
  await raw.getByRole('combobox', { name: '공유할 데이터셋' }).fill('원천');
  await own.getByRole('option', { name: '용해탱크 원천 데이터' }).click();
  await raw.getByRole('button', { name: '가공기업과 공유' }).click();
  await expect(raw.getByText('✓ 용해탱크 원천 데이터')).toBeVisible();
  await own.getByRole('button', { name: '카드로 결제' }).click();
  await own.getByRole('button', { name: '1,250,000원 결제' }).click();
  await expect(own.getByText(/에 결제했습니다/)).toBeVisible({ timeout: 20_000 });
  await checkPage(own, 'project-owner');

  // 5. The processor finds the project, downloads the raw data with its SHA-256, and delivers.
  const proc = await signedIn(browser, baseURL!, lab.email, '/projects');
  await proc.getByRole('link', { name: owner.organizationName }).click();
  await expect(proc.getByTestId('raw-sha256')).toHaveText(sha256(readFileSync(kampFile)));
  await submit(proc, 'PROCESSING', '전처리와 라벨링 완료');
  await checkPage(proc, 'project-processor');

  // The owner returns the first delivery once, with a reason; the processor sees why and resubmits.
  await own.reload();
  const first = milestone(own, 'PROCESSING');
  await first.getByLabel('보완 요청 사유').fill('라벨 기준표를 함께 주세요');
  await first.getByRole('button', { name: '보완 요청' }).click();
  await expect(first).toHaveAttribute('data-status', 'RETURNED');
  await proc.reload();
  await expect(milestone(proc, 'PROCESSING')).toContainText('라벨 기준표를 함께 주세요');
  await submit(proc, 'PROCESSING', '라벨 기준표 추가');
  await accept(own, 'PROCESSING');
  await proc.reload();
  await submit(proc, 'QUALITY_VERIFICATION', '품질 검증 통과');
  await accept(own, 'QUALITY_VERIFICATION');

  // Registration: the processor lists the product (part 1's pages do it in the browser), then submits.
  const datasets = await ok(
    lab.c.api.GET('/api/organizations/{id}/datasets', {
      params: { path: { id: lab.organizationId } },
    }),
  );
  const product = await ok(
    lab.c.api.POST('/api/products', {
      body: {
        datasetId: datasets.items[0].id,
        version: 1,
        title: `용해탱크 품질 예측 데이터셋 ${n}`,
        priceKrw: 1_000_000,
        license: 'RESEARCH_ONLY',
      },
    }),
  );
  await ok(lab.c.api.POST('/api/products/{id}/publish', { params: { path: { id: product.id } } }));
  await proc.reload();
  await submit(proc, 'REGISTRATION', '거래소 등록 완료');
  await accept(own, 'REGISTRATION');
  await expect(own.getByTestId('project-status')).toHaveText('완료');
  await expect(own.getByRole('region', { name: '1년 등록 유지 의무' })).toBeVisible();
  // The subsidy's movements in words: committed, then each milestone's payment by name.
  const history = own.getByRole('region', { name: '과제 경과' });
  await expect(history.getByRole('row').filter({ hasText: '협약 약정' }).first()).toBeVisible();
  await expect(
    history
      .getByRole('row')
      .filter({ hasText: '지원금 지급 · 거래소 등록' })
      .filter({ hasText: '집행액' }),
  ).toContainText('15,000,000원');
  await expect(history).not.toContainText('BUDGET_');

  // The listed product is now the owner's, under the one-year rule.
  await own.goto(`/products/${product.id}`);
  await expect(own.getByText(owner.organizationName).first()).toBeVisible();
});
