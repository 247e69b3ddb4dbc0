import { Button, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
// The API's own rule (a pure file), so the form refuses exactly what the API refuses.
import {
  businessNumberProblem,
  normaliseBusinessNumber,
} from '../../../modules/organizations/rules';

export function CreateOrganization({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [form, setForm] = useState({
    name: '',
    registrationNumber: '',
    representativeName: '',
    category: 'SME' as 'SME' | 'MID_SIZE' | 'LARGE' | 'NONPROFIT',
    industryCode: '',
  });
  const badNumber =
    form.registrationNumber.length >= 10 &&
    businessNumberProblem(normaliseBusinessNumber(form.registrationNumber)) !== undefined;
  const badKsic = form.industryCode.length > 0 && !/^\d{2,5}$/.test(form.industryCode);
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/organizations', { body: form })),
    onSuccess: async (org) => {
      await queries.invalidateQueries({ queryKey: ['me'] });
      onCreated(org.id);
    },
  });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.currentTarget.value });
  return (
    <Paper withBorder p="lg" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!badNumber && !badKsic) create.mutate();
        }}
      >
        <Stack>
          <TextInput label={t('org.name')} required value={form.name} onChange={set('name')} />
          <TextInput
            label={t('org.registrationNumber')}
            description={t('org.registrationHint')}
            required
            value={form.registrationNumber}
            onChange={set('registrationNumber')}
            error={badNumber ? t('org.registrationInvalid') : undefined}
          />
          <TextInput
            label={t('org.representative')}
            required
            value={form.representativeName}
            onChange={set('representativeName')}
          />
          <Select
            label={t('org.category')}
            description={t('org.categoryHint')}
            value={form.category}
            allowDeselect={false}
            onChange={(v) => setForm({ ...form, category: v as typeof form.category })}
            data={['SME', 'MID_SIZE', 'LARGE', 'NONPROFIT'].map((c) => ({
              value: c,
              label: t(`codes.category.${c}`),
            }))}
          />
          <TextInput
            label={t('org.industryCode')}
            description={t('org.industryHint')}
            required
            value={form.industryCode}
            onChange={set('industryCode')}
            error={badKsic ? t('org.industryInvalid') : undefined}
          />
          <ErrorAlert error={create.error} />
          <Button type="submit" loading={create.isPending}>
            {t('org.create')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
