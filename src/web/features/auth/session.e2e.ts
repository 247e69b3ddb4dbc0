import { expect, type Page, test } from '@playwright/test';
import { Caller } from '../../../../scripts/bench/harness.js';
import { checkPage, signIn } from '../../e2e/browser.js';
import { PASSWORD } from '../../e2e/market.js';

/** A new account, signed in in the browser; answers the tokens the page holds. */
async function signedIn(page: Page, baseURL: string) {
  const email = `session-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  await new Caller(baseURL).signIn(email, PASSWORD, '세션시험');
  await signIn(page, email);
  const raw = await page.evaluate(`localStorage.getItem('mdx.session')`);
  return JSON.parse(String(raw)) as { accessToken: string; refreshToken: string };
}

test('an expired access token is renewed with the refresh token, unseen', async ({
  page,
  baseURL,
}) => {
  const first = await signedIn(page, baseURL!);
  // The access token goes bad (as after its 15 minutes); the next call renews it and goes on.
  await page.evaluate(
    `localStorage.setItem('mdx.session', JSON.stringify({ ...JSON.parse(localStorage.getItem('mdx.session')), accessToken: 'expired' }))`,
  );
  await page.goto('/purchases');
  // The page knows who is signed in (GET /api/me answered): this account has no organization yet.
  await expect(page.getByRole('alert').filter({ hasText: '소속 기관이 없습니다' })).toBeVisible();
  await expect(page.getByRole('button', { name: '내 계정' })).toBeVisible();
  const now = JSON.parse(String(await page.evaluate(`localStorage.getItem('mdx.session')`)));
  expect(now.refreshToken).not.toBe(first.refreshToken); // rotated
});

test('a refresh token used twice (theft) signs out, and sign-in says why', async ({
  page,
  baseURL,
  request,
}) => {
  const stolen = await signedIn(page, baseURL!);
  // Someone else uses the refresh token first: the browser's copy is now a reused one.
  const res = await request.post('/api/auth/refresh', {
    data: { refreshToken: stolen.refreshToken },
  });
  expect(res.status()).toBe(200);
  await page.evaluate(
    `localStorage.setItem('mdx.session', JSON.stringify({ ...JSON.parse(localStorage.getItem('mdx.session')), accessToken: 'expired' }))`,
  );
  await page.goto('/purchases');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('alert')).toContainText('다른 곳에서 다시 사용되어');
  await checkPage(page, 'signin-theft');
});

test('an expired refresh token leads back to sign-in with a clear message', async ({
  page,
  baseURL,
}) => {
  await signedIn(page, baseURL!);
  await page.evaluate(
    `localStorage.setItem('mdx.session', JSON.stringify({ accessToken: 'expired', refreshToken: 'no-longer-valid' }))`,
  );
  await page.goto('/purchases');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('status')).toContainText('로그인이 만료되었습니다');
});
