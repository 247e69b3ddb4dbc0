import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { Link, useLocation, useParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { bytes, seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';
import { buyingMemberships, useMe } from '../../common/me';
import { QualityBadge } from '../../common/QualityBadge';
import { ReasonDialog } from '../../common/ReasonDialog';
import { QualityFiles } from './QualityFiles';
import { SamplePreview } from './SamplePreview';
import { VoucherSplit } from './VoucherSplit';
import { DatasetJsonLd } from './DatasetJsonLd';
import { AccessPanel, accessQuery, approvedFor } from '../access/AccessPanel';

type Product = components['schemas']['ProductView'];

/** The data card: what the data is, who made it, its terms, its quality, a sample, and the price. */
export function Component() {
  const { id } = useParams();
  const { t } = useTranslation();
  // Reached from a search result: the seller's figures count it as a click from search.
  const fromSearch = (useLocation().state as { from?: string } | null)?.from === 'search';
  const product = useQuery({
    queryKey: ['product', id],
    queryFn: () =>
      ok(
        api.GET('/api/products/{id}', {
          params: { path: { id: id! }, query: fromSearch ? { ref: 'search' } : {} },
        }),
      ),
  });
  if (product.error) return <ErrorAlert error={product.error} />;
  if (!product.data) return <Skeleton h={400} radius="md" />;
  const p = product.data;
  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <DatasetJsonLd p={p} />
        <Stack>
          <Stack gap={4}>
            <Group gap="xs">
              <Badge variant="light">{label(t, 'dataType', p.dataType)}</Badge>
              {p.industryCode && (
                <Badge variant="light" color="gray">
                  KSIC {p.industryCode} {label(t, 'ksic', p.industryCode.slice(0, 2))}
                </Badge>
              )}
              {p.processingSupported && (
                <Badge variant="light" color="teal">
                  {t('catalog.processingSupported')}
                </Badge>
              )}
              {p.approvalRequired && (
                <Badge variant="light" color="indigo">
                  {t('access.badge')}
                </Badge>
              )}
              {p.status !== 'LISTED' && (
                <Badge color="red">{label(t, 'productStatus', p.status)}</Badge>
              )}
            </Group>
            <Title order={1}>{p.title}</Title>
            <Text c="dimmed">
              {t('catalog.seller')}: {p.seller?.name ?? '—'}
              {p.processor ? ` · ${t('catalog.processor')}: ${p.processor.name}` : ''}
            </Text>
          </Stack>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Text>
          {p.tags.length > 0 && (
            <Group gap={6}>
              {p.tags.map((tag) => (
                <Badge key={tag} variant="outline" color="gray.7">
                  #{tag}
                </Badge>
              ))}
            </Group>
          )}
          <Tabs defaultValue="quality" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="quality">{t('product.quality')}</Tabs.Tab>
              <Tabs.Tab value="sample">{t('product.sample')}</Tabs.Tab>
              <Tabs.Tab value="terms">{t('product.terms')}</Tabs.Tab>
              <Tabs.Tab value="revisions">{t('product.revisions')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="quality" pt="md">
              {p.quality ? (
                <QualityFiles quality={p.quality} />
              ) : (
                <Text>{t('product.noQuality')}</Text>
              )}
            </Tabs.Panel>
            <Tabs.Panel value="sample" pt="md">
              {p.samples.length ? (
                <Stack>
                  {p.samples.map((s) => (
                    <SamplePreview key={s.fileId} sample={s} />
                  ))}
                </Stack>
              ) : (
                <Text>{t('product.noSample')}</Text>
              )}
            </Tabs.Panel>
            <Tabs.Panel value="terms" pt="md">
              <LicenceTerms product={p} />
            </Tabs.Panel>
            <Tabs.Panel value="revisions" pt="md">
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('product.version')}</Table.Th>
                    <Table.Th>{t('product.addedAt')}</Table.Th>
                    <Table.Th>{t('product.notes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.revisions.map((r) => (
                    <Table.Tr key={r.version}>
                      <Table.Td>v{r.version}</Table.Td>
                      <Table.Td>{seoulDate(r.addedAt)}</Table.Td>
                      <Table.Td>{r.notes ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack>
          <PriceBox product={p} />
          <OperatorDelist product={p} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/**
 * An operator takes a listed product off the exchange with a reason (it may break the rules or
 * someone's rights); the one-year rule binds the seller, not the operator.
 */
function OperatorDelist({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const delist = useMutation({
    mutationFn: (reason: string) =>
      ok(
        api.POST('/api/products/{id}/delist', { params: { path: { id: p.id } }, body: { reason } }),
      ),
    onSuccess: () => {
      setOpen(false);
      void queries.invalidateQueries({ queryKey: ['product', p.id] });
    },
  });
  if (!me?.platformRoles.includes('operator') || p.status !== 'LISTED') return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('product.operator')}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('product.operator')}
        </Text>
        <Button variant="light" color="red" onClick={() => setOpen(true)}>
          {t('product.operatorDelist')}
        </Button>
      </Stack>
      <ReasonDialog
        opened={open}
        onClose={() => setOpen(false)}
        title={t('product.operatorDelist')}
        reasonLabel={t('sell.delistReason')}
        action={t('product.operatorDelist')}
        mutation={delist}
      >
        {t('product.operatorDelistHint')}
      </ReasonDialog>
    </Paper>
  );
}

function PriceBox({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const { text } = useBilingual();
  const { me } = useMe();
  const access = useQuery({ ...accessQuery(p.id), enabled: p.approvalRequired });
  // A product whose seller vets its buyers is bought once the seller approved (AccessPanel asks).
  const mayBuy = !p.approvalRequired || approvedFor(access.data);
  // Who could buy: the viewer's organizations other than the seller. A staff account of no
  // organization (the operator, an evaluator) is not offered the button at all.
  const buyers = buyingMemberships(me, p.organizationId);
  const ownProduct = Boolean(me?.memberships.length) && buyers.length === 0;
  const staffOnly = me?.memberships.length === 0 && me.platformRoles.length > 0;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="price-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="price-heading">
            {t('product.price')}
          </Title>
          <QualityBadge score={p.qualityScore} />
        </Group>
        <Text fz={28} fw={700}>
          {won(p.priceKrw)}
        </Text>
        <Text size="sm" c="dimmed">
          {t('product.vatIncluded', { supply: won(p.supplyKrw), vat: won(p.vatKrw) })}
        </Text>
        <List size="sm" spacing={2}>
          <List.Item>
            {t('product.files', { count: p.fileCount })} · {bytes(p.sizeBytes)}
          </List.Item>
          <List.Item>{t('catalog.rows', { count: p.rowCount })}</List.Item>
          <List.Item>
            {t('product.licence')}:{' '}
            {p.licence ? text(p.licence.name, p.licence.nameKo) : p.licenceCode}
            {p.licence ? ` (${t('product.termMonths', { count: p.licence.termMonths })})` : ''}
          </List.Item>
          <List.Item>
            {t('product.version')} v{p.version} · {t('catalog.listed')} {seoulDate(p.listedAt)}
          </List.Item>
        </List>
        {me ? (
          buyers.length > 0 && <VoucherSplit product={p} />
        ) : (
          <Alert color="indigo" variant="light">
            {t('product.signInForVoucher')}{' '}
            <Anchor component={Link} to={`/signin?next=/products/${p.id}`} c="indigo.9" fw={700}>
              {t('nav.signIn')}
            </Anchor>
          </Alert>
        )}
        {p.approvalRequired && p.status === 'LISTED' && !ownProduct && !staffOnly && (
          <AccessPanel productId={p.id} />
        )}
        {p.status === 'LISTED' && ownProduct && (
          <>
            <Text size="sm" c="dimmed" data-testid="own-product">
              {t('product.ownProduct')}
            </Text>
            <Button variant="light" component={Link} to={`/sell/products/${p.id}`}>
              {t('product.manage')}
            </Button>
          </>
        )}
        {p.status === 'LISTED' && mayBuy && !ownProduct && !staffOnly && (
          <Button
            size="md"
            component={Link}
            to={me ? `/checkout/${p.id}` : `/signin?next=/checkout/${p.id}`}
          >
            {t('product.buy')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function LicenceTerms({ product: p }: { product: Product }) {
  const { t } = useTranslation();
  const { text } = useBilingual();
  if (!p.licence) return <Text>{p.licenceCode}</Text>;
  const l = p.licence;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {text(l.name, l.nameKo)} ({l.code})
      </Title>
      <Group gap="xs">
        <Badge color={l.commercialUse ? 'teal.9' : 'gray.7'}>
          {l.commercialUse ? t('product.commercialYes') : t('product.commercialNo')}
        </Badge>
        <Badge color={l.derivatives ? 'teal.9' : 'gray.7'}>
          {l.derivatives ? t('product.derivativesYes') : t('product.derivativesNo')}
        </Badge>
        <Badge color="indigo.9">{t('product.termMonths', { count: l.termMonths })}</Badge>
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{l.terms}</Text>
      {p.lockedUntil && (
        <Text size="sm" c="dimmed">
          {t('product.lockedUntil', { date: seoulDate(p.lockedUntil) })}
        </Text>
      )}
    </Stack>
  );
}
