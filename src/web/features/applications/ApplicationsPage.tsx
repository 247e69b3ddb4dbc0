import { Anchor, Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, won } from '../../common/format';
import { OrganizationSelect } from '../../common/inputs';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';
import { Pages, useExistingPage } from '../../common/Pages';

const PAGE_SIZE = 20;

/** An organization's applications to the programs, with their status. */
export function Component() {
  const { t } = useTranslation();
  const { me, signedIn } = useMe();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const org =
    me?.memberships.find((m) => m.organizationId === params.get('org')) ?? me?.memberships[0];
  const list = useQuery({
    queryKey: ['org-applications', org?.organizationId, page],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/applications', {
          params: { path: { id: org!.organizationId }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ),
    enabled: !!org,
    placeholderData: keepPreviousData,
  });
  useExistingPage(page, setPage, list.data?.total, PAGE_SIZE);
  if (!signedIn) return <Navigate to="/signin?next=/applications" replace />;
  if (!me) return <Skeleton h={300} />;
  if (!org) return <Text>{t('applications.noOrganization')}</Text>;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('applications.title')}</Title>
        <Group align="flex-end">
          <OrganizationSelect
            w={280}
            label={t('sell.organization')}
            memberships={me.memberships}
            value={org.organizationId}
            onChange={(id) => {
              setParams({ org: id });
              setPage(1);
            }}
          />
          <Button component={Link} to="/programs" variant="light">
            {t('applications.findCalls')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={list.error} />
      {!list.data ? (
        <Skeleton h={150} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('applications.none')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluations.call')}</Table.Th>
              <Table.Th>{t('purchases.status')}</Table.Th>
              <Table.Th ta="right">{t('plan.requestedGovernmentKrw')}</Table.Th>
              <Table.Th>{t('applications.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${a.id}`}>
                    {a.programTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={a.status === 'REJECTED' ? 'red' : 'indigo'}>
                    {label(t, 'applicationStatus', a.status)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {a.requestedGovernmentKrw === null ? '—' : won(a.requestedGovernmentKrw)}
                </Table.Td>
                <Table.Td>{seoulDate(a.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.data && (
        <Pages total={list.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
      )}
    </Stack>
  );
}
