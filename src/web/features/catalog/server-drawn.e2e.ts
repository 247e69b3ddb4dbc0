import { expect, type Page, test } from '@playwright/test';
import { signedIn } from '../../e2e/browser.js';
import { loadMarket } from '../../e2e/market.js';

/** What went wrong in the page: a failed hydration shows as an error here (React's #418 and kin). */
function problems(page: Page) {
  const seen: string[] = [];
  page.on('console', (m) => m.type() === 'error' && seen.push(m.text()));
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

/** The app has taken the page over: the catalog marks its first drawn frame (CatalogPage). */
async function takenOver(page: Page) {
  await expect
    .poll(() => page.evaluate(`performance.getEntriesByName('mdx:catalog-ready').length`))
    .toBe(1);
}

test('the catalog arrives drawn by the server: without JavaScript it shows results and searches, and its results are links', async ({
  browser,
  baseURL,
}) => {
  const m = loadMarket();
  const context = await browser.newContext({ baseURL, locale: 'ko-KR', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/?q=용해');
  await expect(page.getByRole('link', { name: m.productTitle })).toBeVisible();
  await expect(page.getByText(/\d+개 상품/)).toBeVisible();
  // The search box is a plain form: it searches with no script at all, keeping the order chosen.
  await page.goto('/?sort=price_asc');
  await page.getByRole('searchbox', { name: '검색어' }).fill('품질예측');
  await page.getByRole('button', { name: '검색', exact: true }).click();
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(page).toHaveURL(/q=%ED%92%88%EC%A7%88%EC%98%88%EC%B8%A1/);
  await expect(page.getByRole('searchbox', { name: '검색어' })).toHaveValue('품질예측');
  // A result is a link to its data card.
  await page.getByRole('link', { name: m.productTitle }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${m.productId}`));
  await context.close();
});

test('the app takes the server-drawn catalog over without asking its search again, signed in or not, in Korean or English', async ({
  page,
  browser,
  baseURL,
}) => {
  const m = loadMarket();
  const errors = problems(page);
  const searches: string[] = [];
  const documents: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/products?')) searches.push(r.url());
    if (r.resourceType() === 'document') documents.push(r.url());
  });
  await page.goto('/?q=용해');
  await takenOver(page);
  await expect(page.getByRole('link', { name: m.productTitle })).toBeVisible();
  expect(searches).toEqual([]); // the answer came with the page
  // A search now is the app's: one request to the API, no new page.
  await page.getByRole('searchbox', { name: '검색어' }).fill('용해탱크');
  await page.getByRole('searchbox', { name: '검색어' }).press('Enter');
  await expect(page).toHaveURL(/q=%EC%9A%A9%ED%95%B4%ED%83%B1%ED%81%AC/);
  await expect.poll(() => searches.length).toBe(1);
  await expect(page.getByRole('link', { name: m.productTitle })).toBeVisible();
  expect(searches[0]).toContain(encodeURIComponent('용해탱크'));
  expect(documents).toHaveLength(1);
  expect(errors).toEqual([]);

  // Signed in: drawn for nobody on the server, then the account menu once the app has the page.
  const buyer = await signedIn(browser, baseURL!, m.sme.email, '/');
  const buyerErrors = problems(buyer);
  await buyer.reload();
  await takenOver(buyer);
  await expect(buyer.getByRole('button', { name: '내 계정' })).toBeVisible();
  expect(buyerErrors).toEqual([]);
  await buyer.context().close();

  // A reader who chose English gets the page drawn in English (the app keeps the choice in a cookie).
  const context = await browser.newContext({ baseURL, locale: 'ko-KR' });
  const english = await context.newPage();
  const englishErrors = problems(english);
  await english.goto('/');
  await takenOver(english);
  await english.getByRole('button', { name: 'English' }).click();
  await expect(english.getByRole('heading', { level: 1 })).toHaveText('Find manufacturing data');
  const served = await (await english.request.get('/')).text();
  expect(served).toContain('<html lang="en"');
  expect(served).toContain('Find manufacturing data');
  // Prices in the English way (₩2,000,000), drawn so by the server and kept by the app.
  expect(served).toMatch(/₩[\d,]+/);
  expect(served).not.toMatch(/[\d,]+원/);
  await english.reload();
  await takenOver(english);
  await expect(english.getByRole('heading', { level: 1 })).toHaveText('Find manufacturing data');
  await expect(english.getByRole('article').first()).toContainText(/₩[\d,]+/);
  expect(englishErrors).toEqual([]);
  await context.close();
});
