import {
  Button,
  Code,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { Pages } from '../../common/Pages';
import { label } from '../../common/labels';
import { seoulDateTime } from '../../common/format';

const PAGE_SIZE = 25;
const FIELDS = ['entityType', 'entityId', 'actorId', 'organizationId'] as const;
type Filters = Record<(typeof FIELDS)[number] | 'action' | 'from' | 'to', string>;
const EMPTY: Filters = {
  action: '',
  entityType: '',
  entityId: '',
  actorId: '',
  organizationId: '',
  from: '',
  to: '',
};

/** The audit trail, newest first: filter by actor, action, entity and Seoul dates, page by page. */
export function AuditTrail() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  // Every action the trail knows, named in the reader's language (the code beside it).
  const known = t('codes.auditAction', { returnObjects: true }) as Record<
    string,
    Record<string, string>
  >;
  const actions = Object.entries(known)
    .flatMap(([group, names]) =>
      Object.entries(names).map(([name, text]) => ({
        value: `${group}.${name}`,
        label: `${text} (${group}.${name})`,
      })),
    )
    .sort((a, b) => a.label.localeCompare(b.label));
  const query = Object.fromEntries(
    Object.entries({
      ...filters,
      from: filters.from && `${filters.from}T00:00:00+09:00`,
      to: filters.to && `${filters.to}T23:59:59.999+09:00`,
    }).filter(([, v]) => v),
  );
  const trail = useQuery({
    queryKey: ['audit', query, page],
    queryFn: () =>
      ok(api.GET('/api/audit', { params: { query: { ...query, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setPage(1);
        }}
        aria-label={t('desk.audit.filters')}
      >
        <Group align="flex-end" wrap="wrap">
          <Select
            w={240}
            label={t('desk.audit.action')}
            searchable
            clearable
            value={draft.action || null}
            onChange={(v) => setDraft({ ...draft, action: v ?? '' })}
            data={actions}
          />
          {FIELDS.map((f) => (
            <TextInput
              key={f}
              w={160}
              label={t(`desk.audit.${f}`)}
              value={draft[f]}
              onChange={(e) => setDraft({ ...draft, [f]: e.currentTarget.value.trim() })}
            />
          ))}
          <TextInput
            type="date"
            label={t('desk.audit.from')}
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('desk.audit.to')}
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
          />
          <Button type="submit">{t('desk.audit.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
              setPage(1);
            }}
          >
            {t('desk.audit.clear')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={trail.error} />
      {!trail.data ? (
        <Skeleton h={300} />
      ) : trail.data.items.length === 0 ? (
        <Text c="dimmed">{t('desk.audit.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('desk.audit.total', { count: trail.data.total })}
          </Text>
          <Table striped fz="sm" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('desk.audit.at')}</Table.Th>
                <Table.Th>{t('desk.audit.action')}</Table.Th>
                <Table.Th>{t('desk.audit.entity')}</Table.Th>
                <Table.Th>{t('desk.audit.actorId')}</Table.Th>
                <Table.Th>{t('desk.audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trail.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{seoulDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{label(t, 'auditAction', e.action)}</Text>
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    {e.entityType}
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.entityId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {e.actorId ?? t('desk.audit.system')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {JSON.stringify(e.details)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pages total={trail.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
