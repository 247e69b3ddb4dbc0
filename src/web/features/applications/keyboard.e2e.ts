import { randomInt } from 'node:crypto';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { signedIn, tabTo } from '../../e2e/browser.js';
import { member, openCall, operatorCaller } from '../../e2e/market.js';

/** The error a screen reader reads with a field: the text its aria-describedby points to. */
async function describedError(field: Locator) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/) ?? [];
  const page = field.page();
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

test('with the keyboard alone: a business plan is filled, its errors are read with their fields, and it is saved and submitted', async ({
  browser,
  baseURL,
}) => {
  const api = await operatorCaller(baseURL!);
  const call = await openCall(api, 'PROCESSING_SUPPORT');
  const owner = await member(baseURL!, api, 'keyboard', {
    name: `키보드주조 ${randomInt(1e6)}`,
    category: 'SME',
    industryCode: '24311',
  });
  const page = await signedIn(browser, baseURL!, owner.email, `/programs/${call.id}`);
  await expect(page.getByText('신청할 수 있습니다')).toBeVisible();

  await typeInto(page, page.getByLabel('사업 개요'), '용해탱크 데이터 상품화');
  // Saved with fields missing: each says what is wrong, tied to the field for a screen reader.
  await tabTo(page, page.getByRole('button', { name: '임시 저장' }));
  await page.keyboard.press('Enter');
  const data = page.getByLabel('보유 데이터 설명');
  expect(await describedError(data)).toContain('입력해 주세요.');
  expect(await describedError(page.getByLabel('신청 정부지원금'))).toContain(
    '1원 이상의 금액을 입력해 주세요.',
  );

  await typeInto(page, data, '온도·교반속도·중량·검사 결과');
  await typeInto(page, page.getByLabel('데이터 규모'), '약 80만 행');
  await typeInto(page, page.getByLabel('가공 목표'), '불량 예측 학습 데이터셋');
  await typeInto(page, page.getByLabel('신청 정부지원금'), '40000000');
  await expect(data).not.toHaveAttribute('aria-invalid', 'true');
  await tabTo(page, page.getByRole('button', { name: '임시 저장' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /신청서$/ })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: '제출' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('평가 중').first()).toBeVisible();
});
