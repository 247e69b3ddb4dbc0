import { Alert, Button, Stack } from '@mantine/core';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe } from '@stripe/stripe-js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';

const stripes = new Map<string, Promise<Stripe | null>>();

/** The card step with real Stripe: the Payment Element (Stripe.js), as Stripe requires. */
export default function StripeCard(props: {
  publishableKey: string;
  clientSecret: string;
  amount: string;
  onPaid: () => void;
}) {
  const { ko } = useBilingual();
  if (!stripes.has(props.publishableKey))
    stripes.set(props.publishableKey, loadStripe(props.publishableKey));
  return (
    <Elements
      stripe={stripes.get(props.publishableKey)!}
      options={{
        clientSecret: props.clientSecret,
        locale: ko ? 'ko' : 'en',
      }}
    >
      <PaymentForm amount={props.amount} onPaid={props.onPaid} />
    </Elements>
  );
}

function PaymentForm({ amount, onPaid }: { amount: string; onPaid: () => void }) {
  const { t } = useTranslation();
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function pay() {
    if (!stripe || !elements) return;
    setBusy(true);
    setError(null);
    const result = await stripe.confirmPayment({
      elements,
      redirect: 'if_required',
      confirmParams: { return_url: window.location.href },
    });
    setBusy(false);
    if (result.error) setError(result.error.message ?? t('checkout.declinedBody'));
    else onPaid();
  }
  return (
    <Stack>
      <PaymentElement />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Button size="md" onClick={() => void pay()} loading={busy} disabled={!stripe}>
        {t('checkout.payAmount', { amount })}
      </Button>
    </Stack>
  );
}
