import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../common/api';
import { won } from '../../common/format';
import { ReasonDialog } from '../../common/ReasonDialog';

type Outcome = 'complete' | 'cancel';

/**
 * The operator ends an active agreement with a reason: completed, or cancelled (a processing
 * project stops). What was committed and not spent goes back to the call's budget; the answer
 * says how much.
 */
export function CloseAgreement({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const close = useMutation({
    mutationFn: (reason: string) =>
      ok(
        api.POST(
          outcome === 'complete'
            ? '/api/applications/{id}/complete'
            : '/api/applications/{id}/cancel',
          { params: { path: { id: applicationId } }, body: { reason } },
        ),
      ),
    onSuccess: (closed) => {
      setOutcome(null);
      // The page shows the closed agreement after this; the notice says what went back.
      notifications.show({
        color: 'teal',
        message: t('agreement.closed', { released: won(closed.releasedKrw) }),
        closeButtonProps: { 'aria-label': t('sell.close') },
      });
      void queries.invalidateQueries();
    },
  });
  return (
    <>
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => setOutcome('complete')}>
          {t('agreement.complete')}
        </Button>
        <Button size="xs" variant="light" color="red" onClick={() => setOutcome('cancel')}>
          {t('agreement.cancel')}
        </Button>
      </Group>
      <ReasonDialog
        key={outcome}
        opened={outcome !== null}
        onClose={() => setOutcome(null)}
        title={outcome === 'cancel' ? t('agreement.cancel') : t('agreement.complete')}
        reasonLabel={t('application.reason')}
        action={outcome === 'cancel' ? t('agreement.cancel') : t('agreement.complete')}
        mutation={close}
      >
        {t('agreement.closeHint')}
      </ReasonDialog>
    </>
  );
}
