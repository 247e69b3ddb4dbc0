import { Checkbox, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface Approval {
  approvalRequired: boolean;
  approvalQuestion: string;
}

/** A product's "the seller vets its buyers" switch, and what the seller wants a buyer to say. */
export function ApprovalFields({
  value,
  onChange,
}: {
  value: Approval;
  onChange: (next: Approval) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Checkbox
        label={t('access.required')}
        description={t('access.requiredHint')}
        checked={value.approvalRequired}
        onChange={(e) => onChange({ ...value, approvalRequired: e.currentTarget.checked })}
      />
      {value.approvalRequired && (
        <Textarea
          label={t('access.question')}
          placeholder={t('access.defaultQuestion')}
          maxLength={1000}
          autosize
          minRows={2}
          value={value.approvalQuestion}
          onChange={(e) => onChange({ ...value, approvalQuestion: e.currentTarget.value })}
        />
      )}
    </Stack>
  );
}
