import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Anchor,
  Badge,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';

/** A call's money from the ledger, in the order its tables list it. */
export const MONEY = [
  'budgetKrw',
  'committedKrw',
  'spentKrw',
  'releasedKrw',
  'availableKrw',
] as const;

/** The money of a call, in the order the chart stacks it: used, promised, free. */
const SERIES = [
  { name: 'spentKrw', color: 'teal.6' },
  { name: 'committedKrw', color: 'blue.5' },
  { name: 'availableKrw', color: 'gray.4' },
] as const;

/**
 * The desk's first page: what needs the operator today, then every call's budget (from the ledger)
 * as a chart and its selection against target.
 */
export function Overview() {
  const { t } = useTranslation();
  const desk = useQuery({
    queryKey: ['desk-report'],
    queryFn: () => ok(api.GET('/api/reports/desk')),
  });
  if (desk.error) return <ErrorAlert error={desk.error} />;
  if (!desk.data) return <Skeleton h={400} />;
  const d = desk.data;
  const funded = d.programs.filter((p) => (p.budgetKrw ?? 0) > 0);
  const stats = [
    {
      key: 'overdue',
      value: t('desk.overview.count', { count: d.overdueMilestones.count }),
      note: t('desk.overview.overdueNote'),
      alert: d.overdueMilestones.count > 0,
    },
    {
      key: 'expiring',
      value: t('desk.overview.count', { count: d.expiringVouchers.count }),
      note: t('desk.overview.expiringNote', { amount: won(d.expiringVouchers.availableKrw) }),
      alert: d.expiringVouchers.count > 0,
    },
    {
      key: 'awaiting',
      value: t('desk.overview.count', { count: d.ordersAwaitingPayment.count }),
      note: t('desk.overview.awaitingNote', { amount: won(d.ordersAwaitingPayment.buyerKrw) }),
      alert: false,
    },
    {
      key: 'owed',
      value: won(d.payoutsOwed.owedKrw),
      note: t('desk.overview.owedNote', { count: d.payoutsOwed.sellers }),
      alert: d.payoutsOwed.owedKrw > 0,
    },
  ];
  return (
    <Stack>
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 4 }}
        component="ul"
        style={{ listStyle: 'none' }}
        p={0}
      >
        {stats.map((s) => (
          <Paper
            component="li"
            key={s.key}
            withBorder
            p="md"
            radius="md"
            data-testid={`desk-${s.key}`}
          >
            <Text size="sm" c="dimmed">
              {t(`desk.overview.${s.key}`)}
            </Text>
            <Text size="xl" fw={700} c={s.alert ? 'red.9' : undefined}>
              {s.value}
            </Text>
            <Text size="xs" c="dimmed">
              {s.note}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>

      {funded.length > 0 && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="desk-budgets">
          <Title order={2} size="h4" id="desk-budgets" mb="sm">
            {t('desk.overview.budgets')}
          </Title>
          <BarChart
            h={Math.max(160, funded.length * 56)}
            data={funded.map((p) => ({ ...p, title: p.title }))}
            dataKey="title"
            orientation="vertical"
            type="stacked"
            yAxisProps={{ width: 220 }}
            valueFormatter={(v) => won(v)}
            series={SERIES.map((s) => ({ ...s, label: t(`desk.money.${s.name}`) }))}
            withLegend
          />
          {/* The chart's figures as a table, for screen readers and for reading exact won. */}
          <Table mt="md" striped fz="sm" data-testid="desk-budget-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluations.call')}</Table.Th>
                {MONEY.map((k) => (
                  <Table.Th key={k} ta="right">
                    {t(`desk.money.${k}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {funded.map((p) => (
                <Table.Tr key={p.programId} data-program={p.programId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/desk/programs/${p.programId}`}>
                      {p.title}
                    </Anchor>
                  </Table.Td>
                  {MONEY.map((k) => (
                    <Table.Td key={k} ta="right" data-money={k}>
                      {won(p[k])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="desk-selection">
        <Title order={2} size="h4" id="desk-selection" mb="sm">
          {t('desk.overview.selection')}
        </Title>
        {d.programs.length === 0 ? (
          <Text c="dimmed">{t('desk.overview.noCalls')}</Text>
        ) : (
          <Stack gap="sm">
            {d.programs.map((p) => {
              const total = Object.values(p.applicationsByStatus).reduce((a, n) => a + n, 0);
              return (
                <div key={p.programId}>
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>
                      {p.title}{' '}
                      <Badge variant="light" size="sm">
                        {label(t, 'programKind', p.kind)}
                      </Badge>
                    </Text>
                    <Text size="sm">
                      {p.targetCount
                        ? t('desk.selectedOfTarget', {
                            selected: p.selected,
                            target: p.targetCount,
                          })
                        : t('desk.overview.selectedNoTarget', { selected: p.selected })}
                    </Text>
                  </Group>
                  {p.targetCount ? (
                    <Progress
                      value={Math.min(100, (100 * p.selected) / p.targetCount)}
                      aria-label={t('desk.selectedOfTarget', {
                        selected: p.selected,
                        target: p.targetCount,
                      })}
                      mt={4}
                    />
                  ) : null}
                  <Text size="xs" c="dimmed" mt={4}>
                    {total === 0
                      ? t('desk.noApplications')
                      : Object.entries(p.applicationsByStatus)
                          .map(([s, n]) => `${label(t, 'applicationStatus', s)} ${n}`)
                          .join(' · ')}
                  </Text>
                </div>
              );
            })}
          </Stack>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="desk-late">
          <Title order={2} size="h4" id="desk-late" mb="sm">
            {t('desk.overview.overdue')}
          </Title>
          {d.overdueMilestones.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('desk.overview.noneOverdue')}
            </Text>
          ) : (
            <Table fz="sm">
              <Table.Tbody>
                {d.overdueMilestones.items.map((m) => (
                  <Table.Tr key={`${m.projectId}-${m.milestone}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/projects/${m.projectId}`}>
                        {m.ownerName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {m.processorName ?? t('desk.overview.notMatched')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{label(t, 'milestone', m.milestone)}</Table.Td>
                    <Table.Td>{seoulDate(m.plannedOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="desk-ending">
          <Title order={2} size="h4" id="desk-ending" mb="sm">
            {t('desk.overview.expiring')}
          </Title>
          {d.expiringVouchers.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('desk.overview.noneExpiring')}
            </Text>
          ) : (
            <Table fz="sm">
              <Table.Tbody>
                {d.expiringVouchers.items.map((v) => (
                  <Table.Tr key={v.voucherId}>
                    <Table.Td>{v.organizationName}</Table.Td>
                    <Table.Td>
                      {t('desk.overview.until', { date: seoulDate(v.validUntil) })}
                    </Table.Td>
                    <Table.Td ta="right">{won(v.availableKrw)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
