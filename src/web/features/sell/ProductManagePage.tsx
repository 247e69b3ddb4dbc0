import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { Link, useParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { type Approval, ApprovalFields } from '../access/ApprovalFields';
import { UsageFigures } from '../usage/UsageFigures';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { ReasonDialog } from '../../common/ReasonDialog';
import { LicenceSelect, PriceInput } from '../../common/inputs';
import { seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';

type Product = components['schemas']['ProductView'];

/** A seller's product: price beside the pricing guide, licence, publish, revise and delist. */
export function Component() {
  const { id } = useParams();
  const { t } = useTranslation();
  const product = useQuery({
    queryKey: ['product', id],
    queryFn: () => ok(api.GET('/api/products/{id}', { params: { path: { id: id! } } })),
  });
  if (product.error) return <ErrorAlert error={product.error} />;
  if (!product.data) return <Skeleton h={300} />;
  const p = product.data;
  return (
    <Stack>
      <Anchor component={Link} to="/sell?tab=products" size="sm">
        ← {t('sell.title')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{p.title}</Title>
        <Badge
          size="lg"
          color={p.status === 'LISTED' ? 'teal.9' : 'gray.7'}
          data-testid="product-status"
        >
          {label(t, 'productStatus', p.status)}
        </Badge>
      </Group>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <EditForm key={p.updatedAt} product={p} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Guide productId={p.id} />
            <Listing product={p} />
            <Revise product={p} />
          </Stack>
        </Grid.Col>
      </Grid>
      {p.status !== 'DRAFT' && <UsageFigures productId={p.id} />}
    </Stack>
  );
}

function EditForm({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [form, setForm] = useState({
    title: p.title,
    description: p.description ?? '',
    license: p.licenceCode,
    priceKrw: p.priceKrw as number | string,
  });
  const [approval, setApproval] = useState<Approval>({
    approvalRequired: p.approvalRequired,
    approvalQuestion: p.approvalQuestion ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/products/{id}', {
          params: { path: { id: p.id } },
          body: {
            title: form.title,
            description: form.description,
            license: form.license,
            priceKrw: Number(form.priceKrw),
            ...approval,
          },
        }),
      ),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: t('sell.saved'),
        closeButtonProps: { 'aria-label': t('sell.close') },
      });
      void queries.invalidateQueries({ queryKey: ['product', p.id] });
    },
  });
  return (
    <Paper withBorder p="lg" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('sell.productTitle')}
            required
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          <Textarea
            label={t('sell.description')}
            autosize
            minRows={3}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          />
          <LicenceSelect
            value={form.license}
            onChange={(license) => setForm({ ...form, license })}
          />
          <PriceInput
            label={t('sell.price')}
            value={form.priceKrw}
            onChange={(v) => setForm({ ...form, priceKrw: v })}
          />
          <PriceFromGuide
            productId={p.id}
            onUse={(price) => setForm({ ...form, priceKrw: price })}
          />
          <ApprovalFields value={approval} onChange={setApproval} />
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('sell.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function useGuide(productId: string) {
  return useQuery({
    queryKey: ['pricing-guide', productId],
    queryFn: () =>
      ok(api.GET('/api/products/{id}/pricing-guide', { params: { path: { id: productId } } })),
  });
}

function PriceFromGuide({
  productId,
  onUse,
}: {
  productId: string;
  onUse: (price: number) => void;
}) {
  const { t } = useTranslation();
  const guide = useGuide(productId);
  if (!guide.data) return null;
  return (
    <Group>
      <Button variant="light" size="xs" onClick={() => onUse(guide.data.suggestedPriceKrw)}>
        {t('sell.useGuide', { price: won(guide.data.suggestedPriceKrw) })}
      </Button>
    </Group>
  );
}

function Guide({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const { text } = useBilingual();
  const guide = useGuide(productId);
  if (guide.error) return <ErrorAlert error={guide.error} />;
  if (!guide.data) return <Skeleton h={160} />;
  const g = guide.data;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="guide-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="guide-title">
          {t('sell.guide')}
        </Title>
        <Text fz="xl" fw={700} data-testid="guide-price">
          {won(g.suggestedPriceKrw)}
        </Text>
        <Text size="sm">{text(g.explanation, g.explanationKo)}</Text>
        <Table fz="xs">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('sell.guideBase')}</Table.Th>
              <Table.Td>{won(g.inputs.basePriceKrw)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('sell.guideFormula')}</Table.Th>
              <Table.Td>{won(g.inputs.formulaPriceKrw)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>
                {t('sell.guideComparables', { count: g.inputs.comparables.length })}
              </Table.Th>
              <Table.Td>
                {g.inputs.comparableMedianKrw === null ? '—' : won(g.inputs.comparableMedianKrw)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

function Listing({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [delisting, setDelisting] = useState(false);
  const refresh = () => void queries.invalidateQueries({ queryKey: ['product', p.id] });
  const publish = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/products/{id}/publish', { params: { path: { id: p.id } } })),
    onSuccess: refresh,
  });
  const delist = useMutation({
    mutationFn: (reason: string) =>
      ok(
        api.POST('/api/products/{id}/delist', { params: { path: { id: p.id } }, body: { reason } }),
      ),
    onSuccess: () => {
      setDelisting(false);
      refresh();
    },
  });
  const [now] = useState(() => Date.now());
  const locked = p.lockedUntil && Date.parse(p.lockedUntil) > now;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="listing-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="listing-title">
          {t('sell.listing')}
        </Title>
        {p.status !== 'LISTED' ? (
          <>
            <Text size="sm">{t('sell.publishHint')}</Text>
            <ErrorAlert error={publish.error} />
            <Button onClick={() => publish.mutate()} loading={publish.isPending}>
              {t('sell.publish')}
            </Button>
          </>
        ) : (
          <>
            <Text size="sm">
              {t('sell.listedSince', { date: seoulDate(p.listedAt) })}{' '}
              <Anchor component={Link} to={`/products/${p.id}`}>
                {t('sell.viewAsBuyer')}
              </Anchor>
            </Text>
            {locked && (
              <Alert color="yellow" title={t('sell.lockedTitle')}>
                {t('product.lockedUntil', { date: seoulDate(p.lockedUntil) })}{' '}
                {t('sell.lockedBody')}
              </Alert>
            )}
            <Button variant="light" color="red" onClick={() => setDelisting(true)}>
              {t('sell.delist')}
            </Button>
          </>
        )}
      </Stack>
      <ReasonDialog
        opened={delisting}
        onClose={() => setDelisting(false)}
        title={t('sell.delist')}
        reasonLabel={t('sell.delistReason')}
        action={t('sell.delist')}
        mutation={delist}
      />
    </Paper>
  );
}

function Revise({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const dataset = useQuery({
    queryKey: ['dataset', p.datasetId],
    queryFn: () => ok(api.GET('/api/datasets/{id}', { params: { path: { id: p.datasetId } } })),
  });
  const newer = (dataset.data?.versions ?? []).filter(
    (v) => v.version > p.version && v.status === 'SEALED',
  );
  const [version, setVersion] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const revise = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/products/{id}/revisions', {
          params: { path: { id: p.id } },
          body: { version: Number(version), notes },
        }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['product', p.id] }),
  });
  if (newer.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="revise-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          revise.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4" id="revise-title">
            {t('sell.revise')}
          </Title>
          <Select
            label={t('product.version')}
            value={version}
            onChange={setVersion}
            data={newer.map((v) => ({ value: String(v.version), label: `v${v.version}` }))}
          />
          <TextInput
            label={t('product.notes')}
            required
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <ErrorAlert error={revise.error} />
          <Button type="submit" disabled={!version} loading={revise.isPending}>
            {t('sell.revise')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
