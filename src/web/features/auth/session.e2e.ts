import { expect, type Page, test } from '@playwright/test';
import { Caller } from '../../../../scripts/bench/harness.js';
import { checkPage, signIn } from '../../e2e/browser.js';
import { mailCatcherUrl, PASSWORD } from '../../e2e/market.js';

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

test('a forgotten password: the link on the sign-in page, the mail, a new password set once, and sign-in with it', async ({
  page,
  baseURL,
}) => {
  const email = `forgot-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  await new Caller(baseURL!).signIn(email, PASSWORD, '비번분실');
  await page.goto('/signin');
  await page.getByRole('link', { name: '비밀번호를 잊으셨나요?' }).click();
  await expect(page.getByRole('heading', { name: '비밀번호 재설정' })).toBeVisible();
  await page.getByLabel('이메일').fill(email);
  await page.getByRole('button', { name: '링크 보내기' }).click();
  await expect(page.getByRole('status')).toContainText('재설정 링크를 보냈습니다');
  await checkPage(page, 'forgot-password');

  let link = '';
  await expect(async () => {
    const mails = (await (
      await fetch(`${mailCatcherUrl()}/messages?to=${encodeURIComponent(email)}`)
    ).json()) as { subject: string; text: string }[];
    const mail = mails.find((m) => m.subject.includes('비밀번호 재설정'));
    link = /(\S+\/reset-password\?token=\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(link).not.toBe('');
  }).toPass({ timeout: 30_000 });
  const { pathname, search } = new URL(link);
  await page.goto(pathname + search);
  const fresh = 'a fresh password after forgetting';
  await page.getByRole('textbox', { name: '새 비밀번호', exact: true }).fill(fresh);
  await page.getByRole('textbox', { name: '새 비밀번호 확인' }).fill(`${fresh}!`);
  await expect(page.getByText('두 비밀번호가 다릅니다.')).toBeVisible();
  await expect(page.getByRole('button', { name: '비밀번호 저장' })).toBeDisabled();
  await page.getByRole('textbox', { name: '새 비밀번호 확인' }).fill(fresh);
  await page.getByRole('button', { name: '비밀번호 저장' }).click();
  await expect(page.getByRole('status')).toContainText('새 비밀번호를 저장했습니다');
  await checkPage(page, 'reset-password');

  // The link worked once: opened again, it says so and offers a new one.
  await page.goto(pathname + search);
  await page
    .getByRole('textbox', { name: '새 비밀번호', exact: true })
    .fill('yet another password');
  await page.getByRole('textbox', { name: '새 비밀번호 확인' }).fill('yet another password');
  await page.getByRole('button', { name: '비밀번호 저장' }).click();
  await expect(page.getByRole('alert')).toContainText('새 링크를 요청해 주세요');
  await expect(page.getByRole('link', { name: '새 링크 요청하기' })).toBeVisible();

  await signIn(page, email, undefined, fresh);
});

test('a password changed in the settings signs out the other devices and keeps this one', async ({
  page,
  baseURL,
  request,
}) => {
  const email = `change-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  const elsewhere = new Caller(baseURL!);
  await elsewhere.signIn(email, PASSWORD, '비번변경');
  await signIn(page, email);
  await page.goto('/settings?tab=password');
  await page.getByRole('textbox', { name: '현재 비밀번호' }).fill(PASSWORD);
  const next = 'a changed password here';
  await page.getByRole('textbox', { name: '새 비밀번호', exact: true }).fill(next);
  await page.getByRole('textbox', { name: '새 비밀번호 확인' }).fill(next);
  await page.getByRole('button', { name: '비밀번호 바꾸기' }).click();
  await expect(page.getByRole('status')).toContainText('다른 기기의 로그인은 모두 종료되었습니다');
  await checkPage(page, 'settings-password');
  const other = await request.get('/api/me', {
    headers: { Authorization: `Bearer ${elsewhere.token}` },
  });
  expect(other.status()).toBe(401);
  await page.reload();
  await expect(page.getByRole('button', { name: '내 계정' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '설정' })).toBeVisible();
});

test('a person leaves the exchange from the settings: the password, a confirmation, and the account is gone', async ({
  page,
  baseURL,
  request,
}) => {
  const email = `leave-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
  await new Caller(baseURL!).signIn(email, PASSWORD, '탈퇴시험');
  await signIn(page, email);
  await page.goto('/settings?tab=account');
  // First the name, corrected: the header says the new one.
  await page.getByRole('textbox', { name: '이름' }).fill('탈퇴직전');
  await page.getByRole('button', { name: '이름 저장' }).click();
  await expect(page.getByRole('status')).toContainText('이름을 바꿨습니다');
  await expect(page.getByRole('button', { name: '내 계정' })).toContainText('탈퇴직전');
  await expect(page.getByRole('heading', { name: '회원 탈퇴' })).toBeVisible();
  const leave = page.getByRole('button', { name: '탈퇴하기' });
  await page.getByRole('textbox', { name: '비밀번호' }).fill('not my password');
  await expect(leave).toBeDisabled();
  await page
    .getByRole('checkbox', { name: '탈퇴하면 되돌릴 수 없다는 것을 이해했습니다.' })
    .check();
  await leave.click();
  await expect(
    page.getByRole('alert').filter({ hasText: '비밀번호가 맞지 않습니다' }),
  ).toBeVisible();
  await checkPage(page, 'settings-account');
  await page.getByRole('textbox', { name: '비밀번호' }).fill(PASSWORD);
  await leave.click();
  await expect(page.getByText('탈퇴가 끝났습니다')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: '로그인' })).toBeVisible();
  const again = await request.post('/api/auth/login', { data: { email, password: PASSWORD } });
  expect(again.status()).toBe(401);
});
