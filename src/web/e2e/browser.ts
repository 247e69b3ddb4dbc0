import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { PASSWORD, root } from './market.js';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const shots = path.join(root, '.tmp', 'e2e-screenshots');
mkdirSync(shots, { recursive: true });

/** axe-core's browser script, read once per worker. */
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * Checks a page as it stands: axe-core finds no serious or critical violation (WCAG 2.1 A and AA),
 * and a screenshot is saved under .tmp/e2e-screenshots/<name>.png.
 *
 * axe runs in the page itself (the app has no frames), asked for violations only: ten times faster
 * than @axe-core/playwright, which opens a second page for every check and details every pass.
 */
export async function checkPage(page: Page, name: string) {
  const t0 = performance.now();
  await page.waitForLoadState('networkidle');
  const t1 = performance.now();
  // Let transitions end (a notification fading in would be measured half transparent); a
  // spinner's endless animation is not waited for.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (...a: unknown[]) => Promise<AxeResults> } }).axe.run(
      document,
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      },
    ),
  );
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(bad, `axe on ${name}`).toEqual([]);
  const t2 = performance.now();
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  if (process.env.E2E_TIMING)
    console.log(
      `checkPage ${name}: idle ${Math.round(t1 - t0)} ms, axe ${Math.round(t2 - t1)} ms, shot ${Math.round(performance.now() - t2)} ms`,
    );
}

/** Signs in through the sign-in page and waits for the app to show the user's name. */
export async function signIn(page: Page, email: string, next?: string, password = PASSWORD) {
  await page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
  await page.getByLabel('이메일').fill(email);
  await page.getByRole('textbox', { name: '비밀번호' }).fill(password);
  await page.getByRole('button', { name: '로그인' }).last().click();
  await expect(page.getByRole('button', { name: '내 계정' })).toBeVisible();
}

/**
 * A person in their own browser, already signed in: the session is restored from storage as after
 * a reload (the sign-in page itself is tested in session.e2e.ts). Answers a page at `next`.
 */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  email: string,
  next: string,
  password = PASSWORD,
) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.ok, `sign-in of ${email}`).toBe(true);
  const { accessToken, refreshToken } = (await res.json()) as Record<string, string>;
  const context = await browser.newContext({
    baseURL,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    viewport: { width: 1400, height: 1000 },
    storageState: {
      cookies: [],
      origins: [
        {
          origin: baseURL,
          localStorage: [
            { name: 'mdx.session', value: JSON.stringify({ accessToken, refreshToken }) },
          ],
        },
      ],
    },
  });
  const page = await context.newPage();
  await page.goto(next);
  await expect(page.getByRole('button', { name: '내 계정' })).toBeVisible();
  return page;
}

/** Presses Tab until `target` has the focus (at most `max` times), as a keyboard user moves. */
export async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()} in ${max} presses`);
}
