import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { Caller, ok } from '../../../../scripts/bench/harness.js';
import { checkPage, sha256, signedIn, signIn } from '../../e2e/browser.js';
import {
  listedProduct,
  loadMarket,
  mailCatcherUrl,
  member,
  PASSWORD,
  voucherFor,
  operatorCaller,
} from '../../e2e/market.js';

/** Downloads every file of the first entitlement in the page and answers their bytes' SHA-256. */
async function downloadAll(page: Page): Promise<Record<string, { shown: string; bytes: string }>> {
  await page.getByRole('button', { name: '파일 받기' }).first().click();
  const rows = page.getByRole('row').filter({ has: page.getByTestId('sha256') });
  await expect(rows.first()).toBeVisible();
  const out: Record<string, { shown: string; bytes: string }> = {};
  for (const row of await rows.all()) {
    const link = row.getByRole('link');
    const name = (await link.textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = await readFile((await download.path())!);
    out[name] = { shown: (await row.getByTestId('sha256').textContent())!, bytes: sha256(bytes) };
  }
  return out;
}

test('an SME buyer finds the data, sees the 80/20 split, is declined once, pays and downloads the exact bytes; the seller hears of the sale', async ({
  page,
  browser,
  baseURL,
}) => {
  // Nine pages checked on the way: the default minute is too tight on a loaded two-core machine.
  test.setTimeout(120_000);
  const m = loadMarket();
  await page.goto('/');
  await checkPage(page, 'catalog');
  // Korean with and without spaces; the URL carries the search, so it can be shared.
  for (const q of ['용해', '용해탱크', '품질예측']) {
    await page.getByRole('searchbox', { name: '검색어' }).fill(q);
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q)}`));
    await expect(page.getByRole('link', { name: m.productTitle })).toBeVisible();
  }
  await checkPage(page, 'catalog-search');
  await page.getByRole('link', { name: m.productTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: m.productTitle })).toBeVisible();
  await expect(page.getByText('2,000,000원').first()).toBeVisible();
  await checkPage(page, 'product');

  await page
    .getByText('바우처로 얼마를 내는지 보려면')
    .getByRole('link', { name: '로그인' })
    .click();
  await signInHere(page, m.sme.email);
  await expect(page.getByTestId('voucher-split')).toHaveText(
    '정부지원 80% 1,600,000원 / 자부담 400,000원',
  );
  await page.getByRole('link', { name: '구매하기' }).click();

  await expect(page.getByTestId('quote-own')).toHaveText('400,000원');
  await expect(page.getByTestId('quote-voucher')).toHaveText('1,600,000원');
  await checkPage(page, 'checkout');
  await page.getByRole('button', { name: '주문하고 결제하기' }).click();

  // The first card is declined: the order and its voucher money wait for another card.
  await page.getByRole('radio', { name: /거절되는 카드/ }).check();
  await page.getByRole('button', { name: '400,000원 결제' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '카드가 거절되었습니다' })).toBeVisible();
  await checkPage(page, 'checkout-declined');
  await page.getByRole('radio', { name: /Visa/ }).check();
  await page.getByRole('button', { name: '400,000원 결제' }).click();
  await expect(page.getByText('결제가 끝났습니다')).toBeVisible();

  await page.getByRole('button', { name: '내려받기로 가기' }).click();
  await expect(page).toHaveURL(/\/purchases\?tab=entitlements/);
  const files = await downloadAll(page);
  const original = sha256(await readFile(m.kampFile));
  expect(files).toEqual({ 'melting_tank.csv': { shown: original, bytes: original } });
  await checkPage(page, 'purchases-downloads');

  // The receipt and the voucher's movements.
  await page.getByRole('tab', { name: '주문' }).click();
  await page.getByRole('button', { name: '영수증 보기' }).first().click();
  const receipt = page.getByLabel('영수증');
  await expect(receipt.getByRole('row', { name: /공급가액/ })).toContainText('1,818,181원');
  await expect(receipt.getByRole('row', { name: /부가세/ })).toContainText('181,819원');
  await checkPage(page, 'purchases-orders');
  await page.getByRole('tab', { name: '바우처' }).click();
  await expect(page.getByText('1,600,000원').first()).toBeVisible();
  await checkPage(page, 'purchases-vouchers');

  // The seller's bell: the sale, with who bought it and for how much.
  const seller = await signedIn(browser, baseURL!, m.sellerEmail, '/sell');
  const bell = seller.getByRole('button', { name: /^알림, 읽지 않음 [1-9]/ });
  await expect(async () => {
    await seller.reload();
    await expect(bell).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await bell.click();
  const sale = seller
    .getByTestId('notification')
    .filter({ hasText: `판매되었습니다: ${m.productTitle}` })
    .filter({ hasText: '구매 기관 구매테크 · 판매 금액 2,000,000원' });
  await expect(sale.first()).toBeVisible();
  await checkPage(seller, 'notifications');
  await sale.first().click();
  await expect(seller).toHaveURL(/\/sell\?tab=sales/);

  // The seller's mailbox (the local mail catcher): the same sale, Korean first, then English.
  // Other tests sell the same product; this sale is the one to 구매테크.
  type Caught = { id: number; subject: string; text: string };
  let mine: Caught | undefined;
  await expect(async () => {
    const mails = (await (
      await fetch(`${mailCatcherUrl()}/messages?to=${encodeURIComponent(m.sellerEmail)}`)
    ).json()) as Caught[];
    mine = mails.find(
      (x) => x.subject.includes(`판매되었습니다: ${m.productTitle}`) && x.text.includes('구매테크'),
    );
    expect(mine).toBeDefined();
  }).toPass({ timeout: 30_000 });
  await seller.goto(mailCatcherUrl());
  await seller
    .getByRole('row')
    .filter({ hasText: m.sellerEmail })
    .locator(`a[href="/messages/${mine!.id}.html"]`)
    .click();
  await expect(
    seller.getByRole('heading', { name: `판매되었습니다: ${m.productTitle}` }),
  ).toBeVisible();
  await expect(seller.getByText('구매 기관 구매테크 · 판매 금액 2,000,000원')).toBeVisible();
  await expect(seller.getByRole('heading', { name: `Sold: ${m.productTitle}` })).toBeVisible();
  await checkPage(seller, 'mail-sale');
  // Its link leads back into the exchange, where the sale is.
  await seller.getByRole('link', { name: '거래소에서 보기' }).click();
  await expect(seller).toHaveURL(/\/sell\?tab=sales/);
});

test('a nonprofit buyer pays nothing and downloads', async ({ page }) => {
  const m = loadMarket();
  await signIn(page, m.nonprofit.email, `/products/${m.productId}`);
  await expect(page.getByTestId('voucher-split')).toHaveText(
    '정부지원 100% 2,000,000원 / 자부담 0원',
  );
  // The data card carries schema.org Dataset JSON-LD for dataset search engines.
  const ld = JSON.parse(
    (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
  );
  expect(ld).toMatchObject({
    '@type': 'Dataset',
    name: m.productTitle,
    offers: { price: m.priceKrw, priceCurrency: 'KRW' },
  });
  await page.getByRole('link', { name: '구매하기' }).click();
  await expect(page.getByTestId('quote-own')).toHaveText('0원');
  await page.getByRole('button', { name: '주문하기 (결제할 금액 없음)' }).click();
  await expect(page.getByText('결제가 끝났습니다')).toBeVisible();
  await page.getByRole('button', { name: '내려받기로 가기' }).click();
  const files = await downloadAll(page);
  const original = sha256(await readFile(m.kampFile));
  expect(files['melting_tank.csv']).toEqual({ shown: original, bytes: original });
  // Bought once per licence term: ordering again is refused with the API's own words.
  await page.goto(`/checkout/${m.productId}`);
  await page.getByRole('button', { name: /^주문하/ }).click();
  await expect(page.getByRole('alert')).toContainText('이미 이 상품의 이용 권한');
});

/** Fills the sign-in form the page is on (after a link to it). */
async function signInHere(page: Page, email: string) {
  await page.getByLabel('이메일').fill(email);
  await page.getByRole('textbox', { name: '비밀번호' }).fill(PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('button', { name: '내 계정' })).toBeVisible();
}

test('a price changed during checkout is explained and re-quoted, and an order can be cancelled at the card step', async ({
  page,
  baseURL,
}) => {
  const m = loadMarket();
  const op = await operatorCaller(baseURL!);
  const buyer = await member(baseURL!, op, 'pricebuyer', {
    name: '가격변경테크',
    category: 'SME',
    industryCode: '29294',
  });
  const voucherId = await voucherFor(op, buyer, m.purchaseProgramId, 10_000_000, 12_500_000);
  // Its own product: the other journeys buy the market's at its first price, in parallel.
  const seller = new Caller(baseURL!);
  await seller.signIn(m.sellerEmail, PASSWORD);
  const organizationId = (await ok(seller.api.GET('/api/me'))).memberships[0].organizationId;
  const productId = await listedProduct(
    seller,
    organizationId,
    '가격 바뀌는 용해탱크 데이터',
    2_000_000,
  );
  await signIn(page, buyer.email, `/checkout/${productId}`);
  await expect(page.getByTestId('quote-own')).toHaveText('400,000원');

  // The seller raises the price while the buyer reads the quote.
  await ok(
    seller.api.PATCH('/api/products/{id}', {
      params: { path: { id: productId } },
      body: { priceKrw: 2_200_000 },
    }),
  );
  await page.getByRole('button', { name: '주문하고 결제하기' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '가격이 바뀌었습니다' })).toContainText(
    '2,200,000',
  );
  await expect(page.getByTestId('quote-own')).toHaveText('440,000원');
  await checkPage(page, 'checkout-price-changed');

  // Ordered at the new price, then cancelled at the card step: the voucher money comes back.
  await page.getByRole('button', { name: '주문하고 결제하기' }).click();
  await expect(page.getByRole('button', { name: '440,000원 결제' })).toBeVisible();
  await page.getByRole('button', { name: '주문 취소' }).click();
  await expect(page.getByRole('button', { name: '주문하고 결제하기' })).toBeVisible();
  await page.goto('/purchases?tab=orders');
  await expect(page.getByRole('row', { name: /취소/ })).toHaveCount(1);
  const voucher = await ok(
    buyer.c.api.GET('/api/vouchers/{id}', { params: { path: { id: voucherId } } }),
  );
  expect([voucher.reservedKrw, voucher.spentKrw, voucher.balanceKrw]).toEqual([0, 0, 10_000_000]);
});
