import { expect, test } from '@playwright/test';
import { ok } from '../../../../scripts/bench/harness.js';
import { checkPage, signedIn } from '../../e2e/browser.js';
import { listedProduct, loadMarket, member, operatorCaller, voucherFor } from '../../e2e/market.js';

test("a seller's product page shows its figures after a scripted mix of views, searches, previews and an order, equal to what the script did", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const m = loadMarket();
  const op = await operatorCaller(baseURL!);
  const seller = await member(baseURL!, op, 'usage-seller', {
    name: '압연데이터랩',
    category: 'SME',
    industryCode: '24311',
  });
  const title = '압연 공정 진동 데이터 (이용 현황 시험)';
  const productId = await listedProduct(seller.c, seller.organizationId, title, 600_000);
  const lab = await member(baseURL!, op, 'usage-lab', {
    name: '한국공대 압연연구실',
    category: 'NONPROFIT',
    industryCode: '85301',
  });
  const voucherId = await voucherFor(op, lab, m.purchaseProgramId, 1_000_000, 1_000_000);
  // Read by its seller, which the figures do not count.
  const product = await ok(
    seller.c.api.GET('/api/products/{id}', { params: { path: { id: productId } } }),
  );

  // The script: 5 views (2 of them clicks from search), 3 searches that show it, 2 previews, 1 order.
  const get = (path: string) => fetch(`${baseURL}${path}`).then((r) => expect(r.ok).toBe(true));
  for (let i = 0; i < 3; i++) await get(`/api/products/${productId}`);
  for (let i = 0; i < 2; i++) await get(`/api/products/${productId}?ref=search`);
  for (let i = 0; i < 3; i++) await get(`/api/products?q=${encodeURIComponent('압연 공정 진동')}`);
  for (let i = 0; i < 2; i++)
    await get(`/api/products/${productId}/samples/${product.samples[0].fileId}`);
  const order = await ok(
    lab.c.api.POST('/api/orders', {
      body: { productId, voucherId, organizationId: lab.organizationId, expectedPriceKrw: 600_000 },
    }),
  );
  expect(order.status).toBe('PAID');

  const page = await signedIn(browser, baseURL!, seller.email, `/sell/products/${productId}`);
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' })
    .format(new Date())
    .slice(0, 7);
  const row = page.getByTestId('usage-months').locator(`tr[data-month="${month}"]`);
  const figure = (name: string) => row.locator(`[data-figure="${name}"]`);
  // Written in batches: the page shows them within the flush interval (1 s here) and a reload.
  await expect(async () => {
    await page.reload();
    await expect(figure('views')).toHaveText('5', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  // Journeys running beside this one list the newest products too, this one among them: its
  // impressions are the script's 3 and theirs (the exact count is test/e2e/usage.test.ts's).
  expect(Number(await figure('searchImpressions').textContent())).toBeGreaterThanOrEqual(3);
  await expect(figure('searchClicks')).toHaveText('2');
  await expect(figure('samplePreviews')).toHaveText('2');
  await expect(figure('accessRequests')).toHaveText('0');
  await expect(figure('orders')).toHaveText('1');
  await expect(figure('revenueKrw')).toHaveText('600,000원');
  await expect(figure('voucherKrw')).toHaveText('600,000원');
  await expect(figure('ownKrw')).toHaveText('0원');
  await expect(page.getByText('85 교육 서비스업')).toBeVisible();
  await checkPage(page, 'usage');
});
