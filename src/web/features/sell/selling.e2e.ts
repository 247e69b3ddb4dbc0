import { readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { Caller, ok } from '../../../../scripts/bench/harness.js';
import { checkPage, signIn } from '../../e2e/browser.js';
import { PASSWORD, registrationNumber, root, samples, operatorCaller } from '../../e2e/market.js';

/** Signs a new seller up in the browser and creates their organization; answers its id. */
async function newSeller(page: Page, name: string, slug: string) {
  const email = `${slug}-${Date.now()}@e2e.local`;
  await page.goto('/signup?next=/sell');
  await page.getByLabel('이름').fill(name);
  await page.getByLabel('이메일').fill(email);
  await page.getByRole('textbox', { name: '비밀번호' }).fill(PASSWORD);
  await page.getByRole('button', { name: '회원가입' }).last().click();
  await expect(page.getByRole('heading', { name: '기관 만들기' })).toBeVisible();
  await checkPage(page, 'sell-create-organization');
  await page.getByLabel('기관명').fill(`${name} 주식회사`);
  await page.getByLabel('사업자등록번호').fill(registrationNumber());
  await page.getByLabel('대표자').fill(`${name} 대표`);
  await page.getByLabel('업종 코드 (KSIC)').fill('24311');
  await page.getByRole('button', { name: '기관 만들기' }).click();
  await expect(page.getByRole('heading', { name: '판매 관리' })).toBeVisible();
  return { email, organizationId: new URL(page.url()).searchParams.get('org')! };
}

/** Creates a dataset in the browser, uploads files into its first version, seals it and waits for PASSED. */
async function datasetWithFiles(page: Page, title: string, files: string[]) {
  await page.goto('/sell?tab=datasets');
  await page.getByRole('button', { name: '새 데이터셋' }).click();
  await page.getByLabel('데이터셋 이름').fill(title);
  await expect(page.getByRole('combobox', { name: '데이터 유형' })).toHaveValue('센서 시계열');
  await page.getByLabel('업종 코드 (KSIC)').fill('24311');
  await page.getByRole('button', { name: '만들고 파일 올리기' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles(files);
  await expect(page.getByTestId('upload-row')).toHaveCount(files.length);
  for (const row of await page.getByTestId('upload-row').all())
    await expect(row).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(page.locator('[data-testid=version-file][data-status=AVAILABLE]')).toHaveCount(
    files.length,
    { timeout: 30_000 },
  );
  await page.getByRole('button', { name: '봉인하고 품질 검증 시작' }).click();
  await expect(page.getByTestId('quality-status')).toHaveText('통과', { timeout: 60_000 });
}

/** Makes a product of the version on the page, priced with the guide, and publishes it. */
async function publishWithGuide(page: Page, title: string) {
  await page.getByRole('link', { name: '이 버전으로 상품 만들기' }).click();
  await page.getByLabel('상품명').fill(title);
  await page.getByRole('button', { name: '초안 만들기' }).click();
  const guide = (await page.getByTestId('guide-price').textContent())!;
  await page.getByRole('button', { name: /가이드 가격 .* 적용/ }).click();
  await page.getByRole('button', { name: '저장' }).click();
  await expect(page.getByText('저장했습니다.')).toBeVisible();
  await checkPage(page, `sell-product-${title.length}`);
  await page.getByRole('button', { name: '게시하기' }).click();
  await expect(page.getByTestId('product-status')).toHaveText('판매 중');
  return guide;
}

test('a seller signs up, uploads the three sample datasets in the browser, watches the quality reports and publishes at the guided price', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const seller = await newSeller(page, '브라우저판매', 'browser-seller');
  // The operator checks the documents through the API.
  const op = await operatorCaller(baseURL!);
  await ok(
    op.api.POST('/api/organizations/{id}/verification', {
      params: { path: { id: seller.organizationId } },
      body: { businessStatus: 'ACTIVE', taxArrears: false, category: 'SME' },
    }),
  );
  await page.reload();
  await page.getByRole('tab', { name: '기관' }).click();
  await expect(page.getByText(/확인되었습니다/)).toBeVisible();
  await checkPage(page, 'sell-organization');

  await datasetWithFiles(page, '브라우저 용해탱크', [
    path.join(samples, 'kamp-melting-tank/melting_tank.csv'),
  ]);
  await checkPage(page, 'sell-dataset-quality');
  const price = await publishWithGuide(page, '브라우저 용해탱크 품질 데이터');
  expect(price).toMatch(/^[\d,]+원$/);

  const belt = path.join(samples, 'tsid-conveyor-belt');
  // The Korean file name is stored decomposed (NFD); the browser is given a composed copy.
  const names = readdirSync(belt);
  const normal = path.join(root, '.tmp', '정상 데이터 수집.csv');
  const stored = names.find((n) => n.normalize('NFC') === '정상 데이터 수집.csv')!;
  await copyFile(path.join(belt, stored), normal);
  const others = names.filter((n) => n.startsWith('a ')).slice(0, 2);
  await datasetWithFiles(page, '브라우저 컨베이어 벨트', [
    normal,
    ...others.map((n) => path.join(belt, n)),
  ]);
  // The two cut files are CP949, the normal-run file UTF-8 with a BOM: each read as it is.
  await expect(page.getByRole('row').filter({ hasText: /^a .*CP949/ })).toHaveCount(2);
  await expect(
    page.getByRole('row').filter({ hasText: '정상 데이터 수집.csv' }).last(),
  ).toContainText('UTF-8');
  await publishWithGuide(page, '브라우저 컨베이어 벨트 결함 데이터');

  await datasetWithFiles(page, '브라우저 프레스', [
    path.join(samples, 'tsid-stamping-press/data.csv'),
  ]);
  await publishWithGuide(page, '브라우저 프레스 데이터');

  // Listed: a buyer finds them.
  await page.goto(`/?q=${encodeURIComponent('브라우저')}`);
  await expect(page.getByRole('article')).toHaveCount(3);
});

test('an upload interrupted by a page reload resumes where it stopped and completes', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await newSeller(page, '이어올리기', 'resume');
  // A generated sensor file of about 20 MB: three parts of 8 MiB.
  const file = path.join(root, '.tmp', 'e2e-resume.csv');
  const start = Date.parse('2026-01-01T00:00:00Z');
  const rows: string[] = ['ts,temp,speed'];
  for (let i = 0; i < 650_000; i++)
    rows.push(
      `${new Date(start + i * 1000).toISOString()},${(600 + (i % 97) / 10).toFixed(1)},${1200 + (i % 13)}`,
    );
  await writeFile(file, `${rows.join('\n')}\n`);
  // Each part goes with its SHA-256, signed into its URL, for storage to check; after the reload
  // too, from what the page remembered.
  const bytes = await readFile(file);
  const MiB = 1024 * 1024;
  const expected = Array.from({ length: Math.ceil(bytes.length / (8 * MiB)) }, (_, i) =>
    createHash('sha256')
      .update(bytes.subarray(i * 8 * MiB, (i + 1) * 8 * MiB))
      .digest('base64'),
  );
  const sent: Record<number, string[]> = {};
  page.on('request', (req) => {
    const n = Number(new URL(req.url()).searchParams.get('partNumber'));
    if (req.method() === 'PUT' && n)
      (sent[n] ??= []).push(req.headers()['x-amz-checksum-sha256'] ?? 'none');
  });

  // Storage answers slowly, so the reload lands mid-upload.
  await page.route(/\/exchange\/.*partNumber=/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto('/sell?tab=datasets');
  await page.getByRole('button', { name: '새 데이터셋' }).click();
  await page.getByLabel('데이터셋 이름').fill('이어 올리기 시험');
  await page.getByRole('button', { name: '만들고 파일 올리기' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  // Wait until some parts, not all, are stored, then reload.
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const k = Object.keys(localStorage).find((x) => x.startsWith('mdx.upload.'));
          return k ? Object.keys(JSON.parse(localStorage.getItem(k)!).done).length : 0;
        }),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByText('끝나지 않은 업로드가 있습니다')).toBeVisible();
  await checkPage(page, 'sell-upload-resume');
  await page.unroute(/\/exchange\/.*partNumber=/);
  await page.locator('input[type=file]').setInputFiles(file);
  const row = page.getByTestId('upload-row');
  await expect(row).toHaveAttribute('data-resumed', 'true');
  await expect(row).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(page.locator('[data-testid=version-file][data-status=AVAILABLE]')).toHaveCount(1, {
    timeout: 30_000,
  });
  expect(Object.keys(sent)).toHaveLength(expected.length);
  for (const [n, checksums] of Object.entries(sent))
    expect(new Set(checksums)).toEqual(new Set([expected[Number(n) - 1]]));
  void baseURL;
});

test('an admin invites a member by e-mail, who accepts in the app and sells for the organization', async ({
  page,
  browser,
  baseURL,
}) => {
  await newSeller(page, '초대하는기관', 'inviter');
  const invitee = `invitee-${Date.now()}@e2e.local`;
  await new Caller(baseURL!).signIn(invitee, PASSWORD, '초대받은사람');
  await page.getByRole('tab', { name: '기관' }).click();
  await page.getByRole('region', { name: '구성원 초대' }).getByLabel('이메일').fill(invitee);
  await page.getByRole('button', { name: '초대 보내기' }).click();
  await expect(page.getByRole('row', { name: new RegExp(invitee) })).toContainText('대기');

  const other = await (await browser.newContext({ baseURL, locale: 'ko-KR' })).newPage();
  await signIn(other, invitee);
  await expect(other.getByRole('alert').filter({ hasText: '초대하는기관 주식회사' })).toBeVisible();
  await checkPage(other, 'invitation');
  await other.getByRole('button', { name: '수락' }).click();
  await other.goto('/sell');
  await expect(other.getByRole('combobox', { name: '기관' })).toHaveValue('초대하는기관 주식회사');
});
