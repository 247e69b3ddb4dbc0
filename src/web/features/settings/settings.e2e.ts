import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ok } from '../../../../scripts/bench/harness.js';
import { checkPage, signIn } from '../../e2e/browser.js';
import { loadMarket, member, operatorCaller } from '../../e2e/market.js';

/** The README's recipe: HMAC-SHA256 over "<t>.<raw body>", compared with any v1 in constant time. */
function verified(secret: string, header: string, body: string) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return header
    .split(',')
    .filter((p) => p.startsWith('v1='))
    .some((p) => {
      const given = Buffer.from(p.slice(3), 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

test('a person chooses how to hear of things, and an admin connects its own system by a signed webhook', async ({
  page,
  baseURL,
}) => {
  const m = loadMarket();
  const op = await operatorCaller(baseURL!);
  const admin = await member(baseURL!, op, 'erp-admin', {
    name: '연동테크',
    category: 'SME',
    industryCode: '29294',
  });
  // The organization's own system: a real HTTP receiver on this machine.
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/erp/hooks`;

  try {
    await signIn(page, admin.email, '/');
    await page.getByRole('button', { name: '내 계정' }).click();
    await page.getByRole('menuitem', { name: '설정' }).click();
    await expect(page).toHaveURL(/\/settings/);

    // Notifications: sales in the app only; refunds cannot be quieted.
    const sold = page.getByRole('radiogroup', { name: '상품 판매' });
    await sold.getByText('앱', { exact: true }).click();
    await expect(sold.getByRole('radio', { name: '앱', exact: true })).toBeChecked();
    await expect(
      page.getByRole('radiogroup', { name: '환불' }).getByRole('radio', { name: '끔' }),
    ).toBeDisabled();
    await checkPage(page, 'settings-notifications');
    const prefs = await ok(admin.c.api.GET('/api/me/notification-preferences'));
    expect(prefs.items.find((p) => p.kind === 'order.sold')?.channel).toBe('IN_APP');

    // Webhooks: register the receiver for application moves; the secret is shown once.
    await page.getByRole('tab', { name: '웹훅' }).click();
    await page.getByLabel('수신 URL').fill(receiverUrl);
    await page.getByLabel('설명').fill('ERP 연동');
    await page.getByRole('checkbox', { name: /지원서 상태 변경/ }).check();
    await page.getByRole('button', { name: '등록' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByTestId('webhook-endpoint')).toContainText(receiverUrl);
    await checkPage(page, 'settings-webhooks');
    await page.getByRole('button', { name: '보관했습니다' }).click();
    await expect(page.getByTestId('webhook-secret')).toHaveCount(0);

    // The organization applies to the purchase-support call (through the API): its system hears.
    const app = await ok(
      admin.c.api.POST('/api/programs/{id}/applications', {
        params: { path: { id: m.purchaseProgramId } },
        body: {
          organizationId: admin.organizationId,
          plan: {
            summary: '예지보전 모델용 데이터 구매',
            productsWanted: ['용해탱크'],
            intendedUse: '불량 예측',
            requestedGovernmentKrw: 1_000_000,
          } as never,
        },
      }),
    );
    await ok(
      admin.c.api.POST('/api/applications/{id}/submit', { params: { path: { id: app.id } } }),
    );
    // Submitting moves it on at once (screening, then evaluation): each move arrives, in order.
    await expect
      .poll(() => received.map((r) => JSON.parse(r.body).data.to), { timeout: 20_000 })
      .toEqual(['SUBMITTED', 'SCREENING', 'EVALUATION']);
    const first = received[0];
    const event = JSON.parse(first.body) as { id: string; type: string; data: { to: string } };
    expect(event).toMatchObject({
      type: 'application.status_changed',
      data: { applicationId: app.id, from: 'DRAFT', to: 'SUBMITTED' },
    });
    expect(verified(secret, String(first.headers['exchange-signature']), first.body)).toBe(true);
    expect(verified('whsec_wrong', String(first.headers['exchange-signature']), first.body)).toBe(
      false,
    );

    // The delivery log shows it delivered; redelivering sends the same event id again.
    await page.getByRole('button', { name: '전송 기록' }).click();
    const row = page.getByTestId('webhook-delivery').filter({ hasText: `#${event.id}` });
    await expect(page.getByTestId('webhook-delivery')).toHaveCount(3);
    await expect(row).toContainText('성공');
    await row.getByRole('button', { name: '다시 보내기' }).click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(4);
    expect(JSON.parse(received[3].body).id).toBe(event.id);
    await row.getByRole('button', { name: '자세히' }).click();
    await expect(page.getByText('수동 재전송')).toBeVisible();
    await checkPage(page, 'settings-webhook-log');
  } finally {
    server.close();
  }
});
