import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../common/api';

/** How this service takes cards: Stripe.js with Stripe, or the local emulator. */
export function useCardStep() {
  return useQuery({
    queryKey: ['card-step'],
    queryFn: () => ok(api.GET('/api/payments/card-step')),
    staleTime: Infinity,
  });
}

/** The outcome of a confirmation: paid, or declined with the card issuer's words. */
export type Confirmation = { ok: true } | { ok: false; message: string; declined: boolean };

/**
 * Confirms a PaymentIntent at the local Stripe emulator exactly as Stripe.js confirms it at
 * Stripe: from the browser, with the publishable key and the PaymentIntent's client secret.
 */
export async function confirmAtEmulator(
  emulatorUrl: string,
  publishableKey: string,
  clientSecret: string,
  paymentMethod: string,
): Promise<Confirmation> {
  const id = clientSecret.split('_secret_')[0];
  const res = await fetch(`${emulatorUrl}/v1/payment_intents/${id}/confirm`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      key: publishableKey,
      client_secret: clientSecret,
      payment_method: paymentMethod,
    }).toString(),
  });
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => ({}))) as {
    error?: { message?: string; type?: string };
  };
  return {
    ok: false,
    declined: body.error?.type === 'card_error',
    message: body.error?.message ?? `HTTP ${res.status}`,
  };
}
