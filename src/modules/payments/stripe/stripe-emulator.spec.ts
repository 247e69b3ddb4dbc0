import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { PUBLISHABLE_KEY, StripeEmulator } from './stripe-emulator.js';

describe('StripeEmulator with a state file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mdx-emulator-'));
  const file = path.join(dir, 'stripe-emulator.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function started() {
    const emulator = new StripeEmulator('sk_test_spec', 'whsec_spec', file);
    const port = await emulator.listen(0);
    return {
      emulator,
      stripe: new Stripe('sk_test_spec', { host: '127.0.0.1', port, protocol: 'http' }),
    };
  }

  it('keeps PaymentIntents and idempotent answers across a restart, as Stripe does', async () => {
    const first = await started();
    const create = () =>
      first.stripe.paymentIntents.create(
        { amount: 600_000, currency: 'krw', metadata: { orderId: 'o1' } },
        { idempotencyKey: 'order-o1' },
      );
    const pi = await create();
    await first.emulator.close();

    const second = await started();
    const again = await second.stripe.paymentIntents.create(
      { amount: 600_000, currency: 'krw', metadata: { orderId: 'o1' } },
      { idempotencyKey: 'order-o1' },
    );
    expect(again.id).toBe(pi.id);
    expect((await second.stripe.paymentIntents.retrieve(pi.id)).status).toBe(
      'requires_payment_method',
    );
    const paid = await second.stripe.paymentIntents.confirm(pi.id, {
      payment_method: 'pm_card_visa',
    });
    expect(paid.status).toBe('succeeded');
    await second.emulator.close();

    const third = await started();
    expect((await third.stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    await third.emulator.close();
  });

  it('without a state file it starts empty every time', async () => {
    const a = new StripeEmulator('sk_test_spec', 'whsec_spec');
    const stripe = new Stripe('sk_test_spec', {
      host: '127.0.0.1',
      port: await a.listen(0),
      protocol: 'http',
    });
    const pi = await stripe.paymentIntents.create({ amount: 1_000, currency: 'krw' });
    await a.close();
    const b = new StripeEmulator('sk_test_spec', 'whsec_spec');
    const port = await b.listen(0);
    const other = new Stripe('sk_test_spec', { host: '127.0.0.1', port, protocol: 'http' });
    await expect(other.paymentIntents.retrieve(pi.id)).rejects.toMatchObject({
      code: 'resource_missing',
    });
    await b.close();
  });
});

describe('StripeEmulator seen from a browser', () => {
  it('lets the publishable key confirm only the PaymentIntent whose client secret it holds', async () => {
    const emulator = new StripeEmulator('sk_test_spec', 'whsec_spec');
    const port = await emulator.listen(0);
    const base = `http://127.0.0.1:${port}`;
    const stripe = new Stripe('sk_test_spec', { host: '127.0.0.1', port, protocol: 'http' });
    const pi = await stripe.paymentIntents.create({ amount: 400_000, currency: 'krw' });
    const confirm = (form: Record<string, string>) =>
      fetch(`${base}/v1/payment_intents/${pi.id}/confirm`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://x.test' },
        body: new URLSearchParams(form).toString(),
      });

    const preflight = await fetch(`${base}/v1/payment_intents/${pi.id}/confirm`, {
      method: 'OPTIONS',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const card = { key: PUBLISHABLE_KEY, payment_method: 'pm_card_visa' };
    expect((await confirm({ ...card, client_secret: `${pi.id}_secret_wrong` })).status).toBe(401);
    expect(
      (await confirm({ ...card, client_secret: pi.client_secret!, key: 'pk_other' })).status,
    ).toBe(401);
    // The publishable key reads nothing and creates nothing.
    const create = await fetch(`${base}/v1/payment_intents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `key=${PUBLISHABLE_KEY}&amount=1&currency=krw`,
    });
    expect(create.status).toBe(401);

    const declined = await confirm({
      ...card,
      payment_method: 'pm_card_chargeDeclined',
      client_secret: pi.client_secret!,
    });
    expect(declined.status).toBe(402);
    const paid = await confirm({ ...card, client_secret: pi.client_secret! });
    expect(paid.status).toBe(200);
    expect(paid.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await paid.json()) as { status: string }).status).toBe('succeeded');
    await emulator.close();
  });
});
