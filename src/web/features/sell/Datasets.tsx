import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate } from '../../common/format';
import { label } from '../../common/labels';
import { Pages } from '../../common/Pages';

const DATA_TYPES = ['SENSOR_TIME_SERIES', 'TABULAR', 'IMAGE', 'TEXT', 'OTHER'] as const;
const PAGE_SIZE = 20;

/** An organization's datasets, and a form for a new one. */
export function Datasets({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['datasets', organizationId, page],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/datasets', {
          params: { path: { id: organizationId }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <NewDataset organizationId={organizationId} />
      <ErrorAlert error={list.error} />
      {!list.data ? (
        <Skeleton h={120} />
      ) : list.data.total === 0 ? (
        <Text>{t('sell.noDatasets')}</Text>
      ) : (
        <>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sell.datasetTitle')}</Table.Th>
                <Table.Th>{t('catalog.dataType')}</Table.Th>
                <Table.Th>{t('sell.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/sell/datasets/${d.id}`}>
                      {d.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{label(t, 'dataType', d.dataType)}</Badge>
                  </Table.Td>
                  <Table.Td>{seoulDate(d.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pages total={list.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}

function NewDataset({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    title: '',
    description: '',
    dataType: 'SENSOR_TIME_SERIES' as (typeof DATA_TYPES)[number],
    industryCode: '',
    tags: [] as string[],
  });
  const create = useMutation({
    mutationFn: async () => {
      const ds = await ok(
        api.POST('/api/datasets', {
          body: {
            organizationId,
            title: form.title,
            dataType: form.dataType,
            tags: form.tags,
            ...(form.description && { description: form.description }),
            ...(form.industryCode && { industryCode: form.industryCode }),
          },
        }),
      );
      await ok(
        api.POST('/api/datasets/{id}/versions', { params: { path: { id: ds.id } }, body: {} }),
      );
      return ds;
    },
    onSuccess: (ds) => {
      void queries.invalidateQueries({ queryKey: ['datasets', organizationId] });
      void navigate(`/sell/datasets/${ds.id}`);
    },
  });
  if (!open)
    return (
      <Group>
        <Button onClick={() => setOpen(true)}>{t('sell.newDataset')}</Button>
      </Group>
    );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="new-dataset">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="new-dataset">
            {t('sell.newDataset')}
          </Title>
          <TextInput
            label={t('sell.datasetTitle')}
            required
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          <Textarea
            label={t('sell.description')}
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          />
          <Group grow>
            <Select
              label={t('catalog.dataType')}
              value={form.dataType}
              allowDeselect={false}
              onChange={(v) => setForm({ ...form, dataType: v as (typeof DATA_TYPES)[number] })}
              data={DATA_TYPES.map((d) => ({ value: d, label: label(t, 'dataType', d) }))}
            />
            <TextInput
              label={t('org.industryCode')}
              description={t('org.industryHint')}
              value={form.industryCode}
              onChange={(e) => setForm({ ...form, industryCode: e.currentTarget.value })}
              error={
                form.industryCode && !/^\d{2,5}$/.test(form.industryCode)
                  ? t('org.industryInvalid')
                  : undefined
              }
            />
          </Group>
          <TagsInput
            label={t('sell.tags')}
            description={t('sell.tagsHint')}
            value={form.tags}
            onChange={(tags) => setForm({ ...form, tags })}
          />
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('sell.createDataset')}
            </Button>
            <Button variant="subtle" onClick={() => setOpen(false)}>
              {t('sell.close')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
