import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { SearchInput } from '../../common/inputs';
import { label } from '../../common/labels';
import { Pages, useExistingPage } from '../../common/Pages';

type Processor = components['schemas']['ProcessorView'];
type Status = 'ACTIVE' | 'SUSPENDED';
const PAGE_SIZE = 20;

/** The processor pool at the desk: suspend a member with a reason, or reinstate one. */
export function Pool() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('ACTIVE');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const members = useQuery({
    queryKey: ['processors', status, q, page],
    queryFn: () =>
      ok(
        api.GET('/api/processors', {
          params: { query: { status, page, pageSize: PAGE_SIZE, ...(q && { q }) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  useExistingPage(page, setPage, members.data?.total, PAGE_SIZE);
  return (
    <Stack>
      <Group align="flex-end">
        <SegmentedControl
          value={status}
          onChange={(v) => {
            setStatus(v as Status);
            setPage(1);
          }}
          data={(['ACTIVE', 'SUSPENDED'] as const).map((s) => ({
            value: s,
            label: t(`desk.pool.${s}`),
          }))}
          aria-label={t('desk.pool.status')}
        />
        <SearchInput
          label={t('desk.pool.search')}
          onSearch={(words) => {
            setQ(words);
            setPage(1);
          }}
        />
      </Group>
      <ErrorAlert error={members.error} />
      {!members.data ? (
        <Skeleton h={200} />
      ) : members.data.total === 0 ? (
        <Text c="dimmed">{t(`desk.pool.none${status}`)}</Text>
      ) : (
        <>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('desk.pool.name')}</Table.Th>
                <Table.Th>{t('desk.pool.technologies')}</Table.Th>
                <Table.Th ta="right">{t('desk.pool.staff')}</Table.Th>
                <Table.Th ta="right">{t('desk.pool.done')}</Table.Th>
                <Table.Th>{t('desk.pool.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.items.map((p) => (
                <Member key={p.organizationId} p={p} />
              ))}
            </Table.Tbody>
          </Table>
          <Pages total={members.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

function Member({ p }: { p: Processor }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [reason, setReason] = useState<string | null>(null);
  const suspended = p.status === 'SUSPENDED';
  const change = useMutation({
    mutationFn: () =>
      ok(
        api.POST(
          suspended
            ? '/api/processors/{organizationId}/reinstate'
            : '/api/processors/{organizationId}/suspend',
          {
            params: { path: { organizationId: p.organizationId } },
            body: { reason: reason!.trim() },
          },
        ),
      ),
    onSuccess: () => {
      setReason(null);
      void queries.invalidateQueries({ queryKey: ['processors'] });
    },
  });
  return (
    <Table.Tr data-testid="pool-member">
      <Table.Td>
        <Text fw={600} size="sm">
          {p.name}
        </Text>
        {suspended && (
          <Text size="xs" c="red.9">
            {t('desk.pool.suspendedBecause', { reason: p.suspendedReason ?? '—' })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {p.technologies.map((x) => (
            <Badge key={x} variant="light" size="sm">
              {label(t, 'technology', x)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td ta="right">{p.staffCount}</Table.Td>
      <Table.Td ta="right">{p.projectsDone}</Table.Td>
      <Table.Td>
        {reason === null ? (
          <Button
            size="xs"
            variant={suspended ? 'light' : 'default'}
            color={suspended ? undefined : 'red'}
            onClick={() => setReason('')}
          >
            {t(suspended ? 'desk.pool.reinstate' : 'desk.pool.suspend')}
          </Button>
        ) : (
          <Paper
            component="form"
            p={0}
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) change.mutate();
            }}
          >
            <Stack gap={4}>
              <TextInput
                size="xs"
                autoFocus
                label={t(suspended ? 'desk.pool.reinstateReason' : 'desk.pool.suspendReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
              />
              <Group gap={4}>
                <Button
                  size="xs"
                  type="submit"
                  disabled={!reason.trim()}
                  loading={change.isPending}
                >
                  {t(suspended ? 'desk.pool.reinstate' : 'desk.pool.suspend')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setReason(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
              <ErrorAlert error={change.error} />
            </Stack>
          </Paper>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
