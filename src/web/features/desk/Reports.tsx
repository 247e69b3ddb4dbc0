import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { Downloads } from '../../common/Downloads';
import { UsageFigures } from '../usage/UsageFigures';
import { ErrorAlert } from '../../common/errors';
import { won } from '../../common/format';
import { CallSelect } from '../../common/inputs';
import { label } from '../../common/labels';

type ExchangeReport = components['schemas']['ExchangeReportView'];

/** Sales and their value by one thing (an industry, a product). */
function SalesTable({
  title,
  nameHeader,
  rows,
}: {
  title: string;
  nameHeader: string;
  rows: { key: string; name: string; sales: number; valueKrw: number }[];
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Table fz="sm" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{nameHeader}</Table.Th>
            <Table.Th ta="right">{t('desk.reports.sales')}</Table.Th>
            <Table.Th ta="right">{t('desk.reports.valueKrw')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((x) => (
            <Table.Tr key={x.key}>
              <Table.Td>{x.name}</Table.Td>
              <Table.Td ta="right">{x.sales}</Table.Td>
              <Table.Td ta="right">{won(x.valueKrw)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** The exchange's and each call's reports: charts on the page, CSV and Excel to take away. */
export function Reports() {
  const { t } = useTranslation();
  const exchange = useQuery({
    queryKey: ['report-exchange'],
    // The route also answers CSV and Excel; without a format it is this JSON.
    queryFn: async () => (await ok(api.GET('/api/reports/exchange'))) as ExchangeReport,
  });
  // The newest call, chosen until the operator picks another.
  const calls = useQuery({
    queryKey: ['programs', 'newest'],
    queryFn: () => ok(api.GET('/api/programs', { params: { query: { pageSize: 1 } } })),
  });
  const [programId, setProgramId] = useState<string | null>(null);
  const [usageProgram, setUsageProgram] = useState<string | null>(null);
  const chosen = programId ?? calls.data?.items[0]?.id ?? null;
  if (exchange.error) return <ErrorAlert error={exchange.error} />;
  if (!exchange.data) return <Skeleton h={400} />;
  const r = exchange.data;
  const totals = [
    { key: 'listings', value: `${r.listings.listed} / ${r.listings.total}` },
    { key: 'sales', value: t('desk.overview.count', { count: r.totals.sales }) },
    { key: 'valueKrw', value: won(r.totals.valueKrw) },
    { key: 'voucherKrw', value: won(r.totals.voucherKrw) },
    { key: 'ownKrw', value: won(r.totals.ownKrw) },
  ];
  return (
    <Stack>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-exchange">
        <Group justify="space-between" align="flex-start" mb="sm">
          <Title order={2} size="h4" id="report-exchange">
            {t('desk.reports.exchange')}
          </Title>
          <Downloads
            name="exchange"
            fetchFile={async (format) =>
              (await ok(
                api.GET('/api/reports/exchange', {
                  params: { query: { format } },
                  parseAs: 'blob',
                }),
              )) as unknown as Blob
            }
          />
        </Group>
        <SimpleGrid cols={{ base: 2, md: 5 }} component="dl" m={0}>
          {totals.map((x) => (
            <div key={x.key} data-testid={`report-${x.key}`}>
              <Text component="dt" size="sm" c="dimmed">
                {t(`desk.reports.${x.key}`)}
              </Text>
              <Text component="dd" m={0} fw={700} size="lg">
                {x.value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {r.byMonth.length > 0 && (
          <>
            <Title order={3} size="h5" mt="lg" mb="xs">
              {t('desk.reports.byMonth')}
            </Title>
            <BarChart
              h={240}
              data={r.byMonth}
              dataKey="month"
              maxBarWidth={72}
              type="stacked"
              valueFormatter={(v) => won(v)}
              yAxisProps={{ width: 110 }}
              withLegend
              series={[
                { name: 'voucherKrw', color: 'blue.6', label: t('desk.reports.voucherKrw') },
                { name: 'ownKrw', color: 'orange.6', label: t('desk.reports.ownKrw') },
              ]}
            />
          </>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} mt="lg">
          <SalesTable
            title={t('desk.reports.byIndustry')}
            nameHeader={t('desk.reports.industry')}
            rows={r.byIndustry.map((x) => ({
              ...x,
              key: x.division,
              name: label(t, 'ksic', x.division),
            }))}
          />
          <SalesTable
            title={t('desk.reports.top')}
            nameHeader={t('desk.reports.product')}
            rows={r.topProducts.map((x) => ({ ...x, key: x.productId, name: x.title }))}
          />
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-call">
        <Title order={2} size="h4" id="report-call" mb="sm">
          {t('desk.reports.call')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('desk.reports.callNote')}
        </Text>
        {calls.data?.items.length === 0 ? (
          <Text c="dimmed">{t('desk.reports.noCalls')}</Text>
        ) : (
          <Group align="flex-end">
            <CallSelect
              w={420}
              label={t('evaluations.call')}
              value={chosen}
              onChange={setProgramId}
            />
            {chosen && (
              <Downloads
                name={`program-${chosen}`}
                fetchFile={async (format) =>
                  (await ok(
                    api.GET('/api/reports/programs/{id}', {
                      params: { path: { id: chosen }, query: { format } },
                      parseAs: 'blob',
                    }),
                  )) as unknown as Blob
                }
              />
            )}
          </Group>
        )}
      </Paper>
      <CallSelect
        w={420}
        label={t('usage.scope')}
        placeholder={t('usage.wholeExchange')}
        clearable
        value={usageProgram}
        onChange={setUsageProgram}
      />
      <UsageFigures programId={usageProgram} />
    </Stack>
  );
}
