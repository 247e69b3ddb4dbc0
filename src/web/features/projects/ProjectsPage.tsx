import { Anchor, Badge, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { won } from '../../common/format';
import { OrganizationSelect } from '../../common/inputs';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';

/** An organization's processing-support projects, as data owner or as processor. */
export function Component() {
  const { t } = useTranslation();
  const { me, signedIn } = useMe();
  const [params, setParams] = useSearchParams();
  const org =
    me?.memberships.find((m) => m.organizationId === params.get('org')) ?? me?.memberships[0];
  if (!signedIn) return <Navigate to="/signin?next=/projects" replace />;
  if (!me) return <Skeleton h={300} />;
  if (!org) return <Text>{t('applications.noOrganization')}</Text>;
  return (
    <Stack>
      <Title order={1}>{t('project.listTitle')}</Title>
      <OrganizationSelect
        w={280}
        label={t('sell.organization')}
        memberships={me.memberships}
        value={org.organizationId}
        onChange={(id) => setParams({ org: id })}
      />
      <ProjectTable organizationId={org.organizationId} />
    </Stack>
  );
}

/** Projects as a table: an organization's (with its part in each), or every one for operators. */
export function ProjectTable({ organizationId }: { organizationId: string | null }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['projects', organizationId],
    queryFn: () =>
      organizationId
        ? ok(
            api.GET('/api/organizations/{id}/processing-projects', {
              params: { path: { id: organizationId } },
            }),
          )
        : ok(api.GET('/api/processing-projects')),
  });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton h={120} />;
  if (list.data.items.length === 0) return <Text>{t('project.none')}</Text>;
  return (
    <Table striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('project.owner')}</Table.Th>
          <Table.Th>{t('project.processor')}</Table.Th>
          <Table.Th>{t('purchases.status')}</Table.Th>
          <Table.Th>{t('project.milestones')}</Table.Th>
          <Table.Th ta="right">{t('project.government')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.data.items.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>
              <Anchor component={Link} to={`/projects/${p.id}`}>
                {p.ownerName}
              </Anchor>
              {p.side && (
                <Text size="xs" c="dimmed">
                  {label(t, 'projectSide', p.side)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{p.processorName ?? t('project.notMatched')}</Table.Td>
            <Table.Td>
              <Badge variant="light">{label(t, 'projectStatus', p.status)}</Badge>
            </Table.Td>
            <Table.Td>
              {p.milestonesAccepted}/{p.milestones}
              {p.overdue > 0 && (
                <Badge ml="xs" color="red" variant="light">
                  {t('project.overdueCount', { count: p.overdue })}
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right">{won(p.governmentKrw)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
