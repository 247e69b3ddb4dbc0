import {
  Anchor,
  Badge,
  Button,
  Group,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';
import { Pages } from '../../common/Pages';
import { windowColor } from '../programs/ProgramsPage';
import { ProjectTable } from '../projects/ProjectsPage';
import { AccessRequests } from '../access/AccessRequests';
import { AuditTrail } from './AuditTrail';
import { CallForm } from './CallForm';
import { Money } from './Money';
import { Overview } from './Overview';
import { Pool } from './Pool';
import { Reports } from './Reports';
import { Verification } from './Verification';

const TABS = [
  'overview',
  'calls',
  'verify',
  'projects',
  'access',
  'money',
  'reports',
  'pool',
  'audit',
] as const;

/**
 * The operator's desk: what needs attention and every call's budget, the calls (a new one from the
 * announcement's 2024 calls), the verification queue, processing projects, reports, the processor
 * pool and the audit trail.
 */
export function Component() {
  const { t } = useTranslation();
  const { me, signedIn } = useMe();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'overview';
  const show = (next: string) => setParams({ tab: next }, { replace: true });
  if (!signedIn) return <Navigate to="/signin?next=/desk" replace />;
  if (!me) return <Skeleton h={300} />;
  if (!me.platformRoles.includes('operator')) return <Text>{t('desk.operatorsOnly')}</Text>;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('desk.title')}</Title>
        {!creating && (
          <Button
            onClick={() => {
              setCreating(true);
              show('calls');
            }}
          >
            {t('desk.newCall')}
          </Button>
        )}
      </Group>
      <Tabs value={tab} onChange={(v) => show(v ?? 'overview')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`desk.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview />
        </Tabs.Panel>
        <Tabs.Panel value="calls" pt="md">
          <Stack>
            {creating && <CallForm onDone={() => setCreating(false)} />}
            <Calls />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="md">
          <Verification />
        </Tabs.Panel>
        <Tabs.Panel value="projects" pt="md">
          <ProjectTable organizationId={null} />
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          <AccessRequests side="operator" />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <Reports />
        </Tabs.Panel>
        <Tabs.Panel value="money" pt="md">
          <Money />
        </Tabs.Panel>
        <Tabs.Panel value="pool" pt="md">
          <Pool />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditTrail />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const CALLS_PAGE_SIZE = 20;

/** Every call, newest first, with its window and budget, 20 at a time. */
function Calls() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const calls = useQuery({
    queryKey: ['programs', false, page],
    queryFn: () =>
      ok(api.GET('/api/programs', { params: { query: { page, pageSize: CALLS_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  if (calls.error) return <ErrorAlert error={calls.error} />;
  if (!calls.data) return <Skeleton h={200} />;
  return (
    <Stack>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evaluations.call')}</Table.Th>
            <Table.Th>{t('desk.kind')}</Table.Th>
            <Table.Th>{t('desk.window')}</Table.Th>
            <Table.Th ta="right">{t('desk.budget')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {calls.data.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/desk/programs/${p.id}`}>
                  {p.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{label(t, 'programKind', p.kind)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={windowColor[p.applicationWindow]}>
                  {label(t, 'window', p.applicationWindow)}
                </Badge>{' '}
                {seoulDate(p.applicationOpensAt)} ~{' '}
                {p.applicationClosesAt ? seoulDate(p.applicationClosesAt) : t('programs.rolling')}
              </Table.Td>
              <Table.Td ta="right">{p.budgetKrw === null ? '—' : won(p.budgetKrw)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pages total={calls.data.total} pageSize={CALLS_PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}
