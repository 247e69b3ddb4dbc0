import { Alert, Button, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Confirmation, confirmAtEmulator } from './cardStep';

/**
 * The card step against the local Stripe emulator: Stripe's own test cards, one that is paid
 * and one that is declined, confirmed from the browser as Stripe.js would.
 */
export function EmulatorCard({
  emulatorUrl,
  publishableKey,
  clientSecret,
  amount,
  onPaid,
}: {
  emulatorUrl: string;
  publishableKey: string;
  clientSecret: string;
  amount: string;
  onPaid: () => void;
}) {
  const { t } = useTranslation();
  const [card, setCard] = useState('pm_card_visa');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Confirmation | null>(null);
  async function pay() {
    setBusy(true);
    setResult(null);
    try {
      const r = await confirmAtEmulator(emulatorUrl, publishableKey, clientSecret, card);
      setResult(r);
      if (r.ok) onPaid();
    } catch {
      setResult({ ok: false, declined: false, message: t('checkout.cardUnreachable') });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('checkout.emulatorNote')}
      </Text>
      <Radio.Group label={t('checkout.card')} value={card} onChange={setCard}>
        <Stack gap={6} mt={6}>
          <Radio value="pm_card_visa" label={t('checkout.cardVisa')} />
          <Radio value="pm_card_chargeDeclined" label={t('checkout.cardDeclined')} />
        </Stack>
      </Radio.Group>
      {result && !result.ok && (
        <Alert
          color="red"
          role="alert"
          title={result.declined ? t('checkout.declined') : t('common.error')}
        >
          {result.declined ? t('checkout.declinedBody') : result.message}
        </Alert>
      )}
      <Button size="md" onClick={() => void pay()} loading={busy}>
        {t('checkout.payAmount', { amount })}
      </Button>
    </Stack>
  );
}
