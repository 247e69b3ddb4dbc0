import { Badge, Button, Group, Paper, Radio, Skeleton, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components, paths } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { SearchInput } from '../../common/inputs';
import { label } from '../../common/labels';
import { Pages } from '../../common/Pages';
import { Capacity } from '../processors/Capacity';

type Project = components['schemas']['ProcessingProjectView'];
type Wants = NonNullable<
  NonNullable<paths['/api/processors']['get']['parameters']['query']>['wants']
>;
const PAGE_SIZE = 10;

/**
 * Matching, for the operator: the pool's active processors as the server ranks them for the
 * project (sort=fit): those with room first, then those offering the processing the plan asked
 * for, those serving the owner's industry, with the most free slots and the longest record; ten at
 * a time, searchable. A full one cannot be chosen; the API refuses one that is suspended or
 * related to the owner, and says which.
 */
export function Match({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const owner = useQuery({
    queryKey: ['organization', project.ownerOrganizationId],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}', {
          params: { path: { id: project.ownerOrganizationId } },
        }),
      ),
  });
  // The processing the owner's plan asked for, if it named any.
  const application = useQuery({
    queryKey: ['application', project.applicationId],
    queryFn: () =>
      ok(api.GET('/api/applications/{id}', { params: { path: { id: project.applicationId } } })),
  });
  const wanted =
    (application.data?.plan as { technologiesWanted?: string[] } | undefined)?.technologiesWanted ??
    [];
  const offers = (technologies: string[]) => wanted.filter((w) => technologies.includes(w)).length;
  const division = owner.data?.industryCode?.slice(0, 2) ?? '';
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const pool = useQuery({
    queryKey: ['processors', 'fit', project.id, wanted.join(','), division, q, page],
    queryFn: () =>
      ok(
        api.GET('/api/processors', {
          params: {
            query: {
              sort: 'fit',
              page,
              pageSize: PAGE_SIZE,
              ...(wanted.length > 0 && { wants: wanted as Wants }),
              ...(division && { forIndustry: division }),
              ...(q && { q }),
            },
          },
        }),
      ),
    enabled: owner.isSuccess && application.isSuccess,
    placeholderData: keepPreviousData,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const match = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/processing-projects/{id}/match', {
          params: { path: { id: project.id } },
          body: { processorOrganizationId: chosen! },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['project', project.id] }),
  });
  if (!pool.data || !owner.data) return <Skeleton h={150} />;
  const serves = (industries: string[]) =>
    industries.some((c) => division.startsWith(c) || c.startsWith(division));
  const ranked = pool.data.items;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="match-title">
      <Stack>
        <Title order={2} size="h4" id="match-title">
          {t('project.match')}
        </Title>
        <SearchInput
          label={t('desk.pool.search')}
          onSearch={(words) => {
            setQ(words);
            setPage(1);
          }}
        />
        {ranked.length === 0 ? (
          <Text>{t('project.poolEmpty')}</Text>
        ) : (
          <Radio.Group value={chosen} onChange={setChosen} label={t('project.suggested')}>
            <Stack gap="xs" mt="xs">
              {ranked.map((p) => (
                <Radio
                  key={p.organizationId}
                  value={p.organizationId}
                  disabled={p.freeSlots === 0}
                  label={
                    <Group gap="xs">
                      <Text size="sm" fw={600}>
                        {p.name}
                      </Text>
                      <Capacity p={p} />
                      {wanted.length > 0 && (
                        <Badge
                          size="sm"
                          variant="light"
                          color={offers(p.technologies) === wanted.length ? 'teal' : 'gray'}
                        >
                          {t('project.offersWanted', {
                            n: offers(p.technologies),
                            of: wanted.length,
                          })}
                        </Badge>
                      )}
                      {serves(p.industries) && (
                        <Badge size="sm" variant="light" color="teal">
                          {t('project.servesIndustry')}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        {p.technologies.map((x) => label(t, 'technology', x)).join(', ')} ·{' '}
                        {t('project.staff', { count: p.staffCount })} ·{' '}
                        {t('project.done', { count: p.projectsDone })}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Pages total={pool.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        <ErrorAlert error={match.error} />
        <Group>
          <Button disabled={!chosen} loading={match.isPending} onClick={() => match.mutate()}>
            {t('project.assign')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
