import { Alert, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCardStep } from './cardStep';
import { EmulatorCard } from './EmulatorCard';

const StripeCard = lazy(() => import('./StripeCard'));

/**
 * Pays a PaymentIntent's client secret by card: Stripe's Payment Element with Stripe, or the
 * equivalent step at the local emulator. The same for a checkout and a project's own share.
 */
export function CardStep({
  clientSecret,
  amount,
  onPaid,
}: {
  clientSecret: string | null | undefined;
  amount: string;
  onPaid: () => void;
}) {
  const { t } = useTranslation();
  const card = useCardStep();
  if (!card.data || !clientSecret) return <Skeleton h={120} />;
  if (card.data.provider === 'emulator')
    return (
      <EmulatorCard
        emulatorUrl={card.data.emulatorUrl!}
        publishableKey={card.data.publishableKey!}
        clientSecret={clientSecret}
        amount={amount}
        onPaid={onPaid}
      />
    );
  if (card.data.publishableKey)
    return (
      <Suspense fallback={<Skeleton h={200} />}>
        <StripeCard
          publishableKey={card.data.publishableKey}
          clientSecret={clientSecret}
          amount={amount}
          onPaid={onPaid}
        />
      </Suspense>
    );
  return <Alert color="red">{t('checkout.cardNotConfigured')}</Alert>;
}
