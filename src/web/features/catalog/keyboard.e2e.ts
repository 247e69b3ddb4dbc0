import { expect, test } from '@playwright/test';
import { tabTo } from '../../e2e/browser.js';
import { loadMarket } from '../../e2e/market.js';

test('with the keyboard alone: search, filter, open the data card, switch its tabs and reach the buy button', async ({
  page,
}) => {
  const m = loadMarket();
  await page.goto('/');
  await tabTo(page, page.getByRole('searchbox', { name: '검색어' }));
  await page.keyboard.type('용해');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=%EC%9A%A9%ED%95%B4/);
  // A facet by keyboard: the processing-supported box, toggled with Space and back.
  const box = page.getByRole('checkbox', { name: /가공지원 상품/ });
  await tabTo(page, box);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/supported=true/);
  await expect(box).toBeChecked(); // drawn as the user sees it, before the next key
  await page.keyboard.press('Space');
  await expect(page).not.toHaveURL(/supported=true/);
  await expect(box).not.toBeChecked();
  const link = page.getByRole('link', { name: m.productTitle });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: m.productTitle })).toBeVisible();
  await tabTo(page, page.getByRole('tab', { name: '품질 보고서' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: '샘플 미리보기' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await tabTo(page, page.getByRole('link', { name: '구매하기' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/signin\?next=/);
});
