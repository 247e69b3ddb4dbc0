import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A form's submit button (busy while it is sent) and the way out without sending. */
export function FormButtons({
  submit,
  pending,
  onCancel,
}: {
  submit: string;
  pending: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type="submit" loading={pending}>
        {submit}
      </Button>
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
