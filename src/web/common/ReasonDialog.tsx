import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './errors';

/**
 * A step that needs a reason (delist, refund): a dialog with the reason, required, and the
 * button that does it. The mutation takes the reason; its error is shown in the dialog.
 */
export function ReasonDialog({
  opened,
  onClose,
  title,
  reasonLabel,
  action,
  children,
  mutation,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  reasonLabel: string;
  action: string;
  children?: ReactNode;
  mutation: UseMutationResult<unknown, Error, string>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('sell.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) mutation.mutate(reason.trim());
        }}
      >
        <Stack>
          {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
          <Textarea
            label={reasonLabel}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <ErrorAlert error={mutation.error} />
          <Button type="submit" color="red" loading={mutation.isPending} disabled={!reason.trim()}>
            {action}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
