import {
  Anchor,
  Button,
  Paper,
  Skeleton,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Approval, ApprovalFields } from '../access/ApprovalFields';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { LicenceSelect, PriceInput } from '../../common/inputs';

/** A draft product from a verified version; the price is then set beside the pricing guide. */
export function Component() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const datasetId = params.get('datasetId')!;
  const version = Number(params.get('version'));
  const dataset = useQuery({
    queryKey: ['dataset', datasetId],
    queryFn: () => ok(api.GET('/api/datasets/{id}', { params: { path: { id: datasetId } } })),
  });
  const [form, setForm] = useState<{
    title?: string;
    description?: string;
    license: string;
    priceKrw: number | string;
    tags?: string[];
  }>({
    license: 'COMMERCIAL',
    priceKrw: 1_000_000,
  });
  const [approval, setApproval] = useState<Approval>({
    approvalRequired: false,
    approvalQuestion: '',
  });
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/products', {
          body: {
            datasetId,
            version,
            title: form.title ?? dataset.data!.title,
            description: form.description ?? dataset.data!.description ?? undefined,
            license: form.license,
            priceKrw: Number(form.priceKrw),
            tags: form.tags ?? dataset.data!.tags,
            ...approval,
          },
        }),
      ),
    onSuccess: (p) => void navigate(`/sell/products/${p.id}`),
  });
  if (dataset.error) return <ErrorAlert error={dataset.error} />;
  if (!dataset.data) return <Skeleton h={300} />;
  const d = dataset.data;
  return (
    <Stack maw={720} mx="auto">
      <Anchor component={Link} to={`/sell/datasets/${datasetId}`} size="sm">
        ← {d.title}
      </Anchor>
      <Title order={1}>{t('sell.newProduct')}</Title>
      <Paper withBorder p="lg" radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('sell.productTitle')}
              required
              value={form.title ?? d.title}
              onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
            />
            <Textarea
              label={t('sell.description')}
              autosize
              minRows={3}
              value={form.description ?? d.description ?? ''}
              onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
            />
            <LicenceSelect
              value={form.license}
              onChange={(license) => setForm({ ...form, license })}
            />
            <PriceInput
              label={t('sell.price')}
              description={t('sell.priceHint')}
              value={form.priceKrw}
              onChange={(v) => setForm({ ...form, priceKrw: v })}
            />
            <TagsInput
              label={t('sell.tags')}
              value={form.tags ?? d.tags}
              onChange={(tags) => setForm({ ...form, tags })}
            />
            <ApprovalFields value={approval} onChange={setApproval} />
            <ErrorAlert error={create.error} />
            <Button type="submit" loading={create.isPending}>
              {t('sell.createDraft')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
