import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { Downloads, type Format } from '../../common/Downloads';
import { ErrorAlert } from '../../common/errors';
import { won } from '../../common/format';
import { label } from '../../common/labels';

type Report = components['schemas']['UsageReportView'];
type Month = Report['months'][number];

const COUNTS = [
  'views',
  'searchImpressions',
  'searchClicks',
  'samplePreviews',
  'accessRequests',
  'orders',
] as const;
const MONEY = ['revenueKrw', 'voucherKrw', 'ownKrw'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Usage figures per month with charts, a table and CSV/Excel: one product's, for its seller, or
 * the exchange's (a program's when `programId` is given), for the operators.
 */
export function UsageFigures({
  productId,
  programId,
}: {
  productId?: string;
  programId?: string | null;
}) {
  const { t } = useTranslation();
  const [range, setRange] = useState({ from: '', to: '' });
  const query = {
    ...(MONTH.test(range.from) && { from: range.from }),
    ...(MONTH.test(range.to) && { to: range.to }),
  };
  const fetchReport = (format?: Format) =>
    productId
      ? api.GET('/api/products/{id}/usage', {
          params: { path: { id: productId }, query: { ...query, format } },
          ...(format && { parseAs: 'blob' as const }),
        })
      : api.GET('/api/usage', {
          params: { query: { ...query, ...(programId && { programId }), format } },
          ...(format && { parseAs: 'blob' as const }),
        });
  const report = useQuery({
    queryKey: ['usage', productId ?? null, programId ?? null, query],
    queryFn: async () => (await ok(fetchReport())) as Report,
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="usage-heading">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Title order={2} size="h4" id="usage-heading">
              {t('usage.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t(productId ? 'usage.sellerHint' : 'usage.operatorHint')}
            </Text>
          </Stack>
          <Group align="flex-end" gap="xs">
            <TextInput
              type="month"
              label={t('usage.from')}
              value={range.from || r?.from || ''}
              onChange={(e) => setRange({ ...range, from: e.currentTarget.value })}
            />
            <TextInput
              type="month"
              label={t('usage.to')}
              value={range.to || r?.to || ''}
              onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
            />
            <Downloads
              name={productId ? `usage-${productId}` : 'usage'}
              fetchFile={async (format) => (await ok(fetchReport(format))) as unknown as Blob}
            />
          </Group>
        </Group>
        <ErrorAlert error={report.error} />
        {!r ? (
          <Skeleton h={300} />
        ) : (
          <>
            <Totals months={r.months} />
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <BarChart
                h={220}
                data={r.months}
                dataKey="month"
                aria-label={t('usage.chartSeen')}
                series={[
                  { name: 'views', label: t('usage.views'), color: 'indigo.6' },
                  { name: 'searchClicks', label: t('usage.searchClicks'), color: 'teal.6' },
                  { name: 'samplePreviews', label: t('usage.samplePreviews'), color: 'grape.6' },
                ]}
                withLegend
              />
              <BarChart
                h={220}
                type="stacked"
                data={r.months}
                dataKey="month"
                aria-label={t('usage.chartMoney')}
                valueFormatter={(v) => won(v)}
                series={[
                  { name: 'voucherKrw', label: t('usage.voucherKrw'), color: 'teal.7' },
                  { name: 'ownKrw', label: t('usage.ownKrw'), color: 'blue.7' },
                ]}
                withLegend
              />
            </SimpleGrid>
            <Table.ScrollContainer minWidth={900}>
              <Table striped data-testid="usage-months">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('usage.month')}</Table.Th>
                    {[...COUNTS, ...MONEY].map((k) => (
                      <Table.Th key={k} ta="right">
                        {t(`usage.${k}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...r.months].reverse().map((m) => (
                    <Table.Tr key={m.month} data-month={m.month}>
                      <Table.Td>{m.month}</Table.Td>
                      {COUNTS.map((k) => (
                        <Table.Td key={k} ta="right" data-figure={k}>
                          {m[k].toLocaleString('ko-KR')}
                        </Table.Td>
                      ))}
                      {MONEY.map((k) => (
                        <Table.Td key={k} ta="right" data-figure={k}>
                          {won(m[k])}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <BuyersTable
                title={t('usage.byIndustry')}
                rows={r.buyers.byIndustry.map((b) => ({
                  ...b,
                  name: `${b.industryDivision} ${label(t, 'ksic', b.industryDivision)}`,
                }))}
              />
              <BuyersTable
                title={t('usage.byCategory')}
                rows={r.buyers.byCategory.map((b) => ({
                  ...b,
                  name: label(t, 'category', b.category),
                }))}
              />
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** The range's sums, in words above the charts. */
function Totals({ months }: { months: Month[] }) {
  const { t } = useTranslation();
  const sum = (k: keyof Month) => months.reduce((a, m) => a + Number(m[k]), 0);
  const items = [
    ['views', sum('views').toLocaleString('ko-KR')],
    ['searchImpressions', sum('searchImpressions').toLocaleString('ko-KR')],
    ['orders', sum('orders').toLocaleString('ko-KR')],
    ['revenueKrw', won(sum('revenueKrw'))],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} component="dl" m={0}>
      {items.map(([k, v]) => (
        <div key={k} data-testid={`usage-total-${k}`}>
          <Text component="dt" size="sm" c="dimmed">
            {t(`usage.${k}`)}
          </Text>
          <Text component="dd" m={0} fw={700} size="lg">
            {v}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function BuyersTable({
  title,
  rows,
}: {
  title: string;
  rows: { name: string; buyers: number; orders: number; revenueKrw: number }[];
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{t('usage.noBuyers')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{title}</Table.Th>
              <Table.Th ta="right">{t('usage.buyers')}</Table.Th>
              <Table.Th ta="right">{t('usage.orders')}</Table.Th>
              <Table.Th ta="right">{t('usage.revenueKrw')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td>{b.name}</Table.Td>
                <Table.Td ta="right">{b.buyers}</Table.Td>
                <Table.Td ta="right">{b.orders}</Table.Td>
                <Table.Td ta="right">{won(b.revenueKrw)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
