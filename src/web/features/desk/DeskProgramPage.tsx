import {
  Alert,
  Anchor,
  Badge,
  Button,
  Chip,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { Link, useParams, useSearchParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ApiError, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';
import { Pages, useExistingPage } from '../../common/Pages';
import { Terms } from '../programs/terms';
import { CallForm } from './CallForm';
import { MONEY } from './Overview';

const TABS = ['applications', 'ranking', 'evaluators'] as const;
type User = components['schemas']['UserView'];
type Conflict = components['schemas']['EvaluatorConflictView'];

/** One call at the operator's desk: its applications, evaluators, ranking and budget. */
export function Component() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'applications';
  const call = useQuery({
    queryKey: ['program', id],
    queryFn: () => ok(api.GET('/api/programs/{id}', { params: { path: { id } } })),
  });
  const budget = useQuery({
    queryKey: ['budget', id],
    queryFn: () => ok(api.GET('/api/programs/{id}/budget', { params: { path: { id } } })),
  });
  const [editing, setEditing] = useState(false);
  if (call.error) return <ErrorAlert error={call.error} />;
  if (!call.data) return <Skeleton h={300} />;
  const p = call.data;
  return (
    <Stack>
      <Badge variant="light">{label(t, 'programKind', p.kind)}</Badge>
      <Group justify="space-between">
        <Title order={1}>{p.title}</Title>
        {!editing && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('desk.call.edit')}
          </Button>
        )}
      </Group>
      {editing && <CallForm program={p} budget={budget.data} onDone={() => setEditing(false)} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Terms program={p} />
        </Paper>
        {budget.data && p.budgetKrw !== null && (
          <Paper withBorder p="md" radius="md" component="section" aria-label={t('desk.budget')}>
            <Title order={2} size="h4" mb="xs">
              {t('desk.budget')}
            </Title>
            {MONEY.map((k) => (
              <Group key={k} justify="space-between">
                <Text size="sm">{t(`desk.money.${k}`)}</Text>
                <Text size="sm" fw={k === 'availableKrw' ? 700 : 400}>
                  {won(budget.data[k])}
                </Text>
              </Group>
            ))}
          </Paper>
        )}
      </SimpleGrid>
      <Tabs
        value={tab}
        onChange={(v) => setParams({ tab: v ?? 'applications' }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`desk.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="applications" pt="md">
          <Applications programId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="ranking" pt="md">
          <Ranking programId={id} pool={p.kind === 'PROCESSOR_POOL'} />
        </Tabs.Panel>
        <Tabs.Panel value="evaluators" pt="md">
          <Evaluators programId={id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const PAGE_SIZE = 20;

/**
 * The call's applications, 20 at a time, with how many are in each status (counted by the
 * server over all of them); a status chip narrows the list to that status.
 */
function Applications({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['program-applications', programId, status, page],
    queryFn: () =>
      ok(
        api.GET('/api/programs/{id}/applications', {
          params: {
            path: { id: programId },
            query: { page, pageSize: PAGE_SIZE, ...(status && { status: status as never }) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  useExistingPage(page, setPage, list.data?.total, PAGE_SIZE);
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton h={120} />;
  const counts = Object.entries(list.data.statusCounts);
  if (counts.length === 0) return <Text>{t('desk.noApplications')}</Text>;
  const all = counts.reduce((n, [, c]) => n + c, 0);
  return (
    <Stack>
      <Chip.Group
        value={status}
        onChange={(v) => {
          setStatus(v as string);
          setPage(1);
        }}
      >
        <Group gap="xs" role="radiogroup" aria-label={t('purchases.status')}>
          <Chip value="" size="sm">
            {t('desk.allApplications', { count: all })}
          </Chip>
          {counts.map(([s, n]) => (
            <Chip key={s} value={s} size="sm">
              {label(t, 'applicationStatus', s)} {n}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('desk.applicantOrganization')}</Table.Th>
            <Table.Th>{t('desk.planSummary')}</Table.Th>
            <Table.Th>{t('purchases.status')}</Table.Th>
            <Table.Th>{t('evaluations.submittedAt')}</Table.Th>
            <Table.Th ta="right">{t('plan.requestedGovernmentKrw')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Anchor component={Link} to={`/applications/${a.id}`}>
                  {a.organizationName || a.id.slice(0, 8)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1} title={(a.plan as { summary?: string }).summary}>
                  {(a.plan as { summary?: string }).summary || '—'}
                </Text>
              </Table.Td>
              <Table.Td>{label(t, 'applicationStatus', a.status)}</Table.Td>
              <Table.Td>{a.submittedAt ? seoulDate(a.submittedAt) : '—'}</Table.Td>
              <Table.Td ta="right">
                {a.requestedGovernmentKrw === null ? '—' : won(a.requestedGovernmentKrw)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pages total={list.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

/** The ranking table; the pool selects every application that passed, at once. */
function Ranking({ programId, pool }: { programId: string; pool: boolean }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const ranking = useQuery({
    queryKey: ['ranking', programId],
    queryFn: () =>
      ok(api.GET('/api/programs/{id}/ranking', { params: { path: { id: programId } } })),
  });
  const selectPassing = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/programs/{id}/select-passing', { params: { path: { id: programId } } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['ranking', programId] });
      void queries.invalidateQueries({ queryKey: ['program-applications', programId] });
    },
  });
  if (ranking.error) return <ErrorAlert error={ranking.error} />;
  if (!ranking.data) return <Skeleton h={120} />;
  const r = ranking.data;
  const passing = r.items.filter((i) => i.passedAll && i.status === 'EVALUATION').length;
  return (
    <Stack>
      <Text>
        {t('desk.selectedOfTarget', { selected: r.selected, target: r.targetCount ?? '—' })}
        {r.passScore !== null && ` · ${t('desk.passScore', { score: r.passScore })}`}
      </Text>
      {pool && (
        <Group>
          <Button
            disabled={passing === 0}
            loading={selectPassing.isPending}
            onClick={() => selectPassing.mutate()}
          >
            {t('desk.selectPassing', { count: passing })}
          </Button>
        </Group>
      )}
      {selectPassing.data && (
        <Alert color="teal" role="status">
          {t('desk.selectedNow', { count: selectPassing.data.selected.length })}
        </Alert>
      )}
      <ErrorAlert error={selectPassing.error} />
      {r.items.length === 0 ? (
        <Text>{t('desk.noRanking')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('desk.rank')}</Table.Th>
              <Table.Th>{t('evaluations.applicant')}</Table.Th>
              <Table.Th>{t('purchases.status')}</Table.Th>
              <Table.Th ta="right">{t('desk.sheets')}</Table.Th>
              <Table.Th ta="right">{pool ? t('desk.result') : t('desk.average')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.items.map((i) => (
              <Table.Tr key={i.applicationId}>
                <Table.Td>{i.rank}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${i.applicationId}`}>
                    {i.organizationName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{label(t, 'applicationStatus', i.status)}</Table.Td>
                <Table.Td ta="right">{i.evaluations}</Table.Td>
                <Table.Td ta="right">
                  {pool
                    ? i.passedAll === null
                      ? '—'
                      : i.passedAll
                        ? t('application.passed')
                        : t('application.failed')
                    : (i.averageScore ?? '—')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * The call's evaluators; one is added by e-mail address and given the evaluator role if needed.
 * Before the assignment, any application of the call they could not score (a conflict of interest)
 * is named with its reason, and the operator assigns them anyway or not.
 */
function Evaluators({ programId }: { programId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [flagged, setFlagged] = useState<{ user: User; conflicts: Conflict[] } | null>(null);
  const list = useQuery({
    queryKey: ['evaluators', programId],
    queryFn: () =>
      ok(api.GET('/api/programs/{id}/evaluators', { params: { path: { id: programId } } })),
  });
  const assign = useMutation({
    mutationFn: async (user: User) => {
      if (!user.platformRoles.includes('evaluator'))
        await ok(
          api.PUT('/api/users/{id}/platform-roles', {
            params: { path: { id: user.id } },
            body: { roles: [...user.platformRoles, 'evaluator'] },
          }),
        );
      return ok(
        api.POST('/api/programs/{id}/evaluators', {
          params: { path: { id: programId } },
          body: { userId: user.id },
        }),
      );
    },
    onSuccess: () => {
      setEmail('');
      setFlagged(null);
      void queries.invalidateQueries({ queryKey: ['evaluators', programId] });
    },
  });
  const check = useMutation({
    mutationFn: async () => {
      const found = await ok(api.GET('/api/users', { params: { query: { email: email.trim() } } }));
      const user = found.items[0];
      if (!user)
        throw new ApiError({
          statusCode: 404,
          code: 'NOT_FOUND',
          message: `Nobody has signed up with ${email.trim()}; ask them to sign up first.`,
          messageKo: `${email.trim()}(으)로 가입한 사람이 없습니다. 먼저 회원가입을 요청해 주세요.`,
        });
      const conflicts = await ok(
        api.GET('/api/programs/{id}/conflicts', {
          params: { path: { id: programId }, query: { userId: user.id } },
        }),
      );
      return { user, conflicts: conflicts.items };
    },
    onSuccess: (found) => {
      if (found.conflicts.length) setFlagged(found);
      else assign.mutate(found.user);
    },
  });
  const { text } = useBilingual();
  return (
    <Stack>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (email.trim()) check.mutate();
        }}
      >
        <Group align="flex-end">
          <TextInput
            type="email"
            label={t('desk.evaluatorEmail')}
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              setFlagged(null);
            }}
            w={320}
          />
          <Button type="submit" loading={check.isPending || assign.isPending} disabled={!!flagged}>
            {t('desk.addEvaluator')}
          </Button>
        </Group>
      </form>
      {flagged && (
        <Alert color="orange" title={t('desk.conflicts.title', { email: flagged.user.email })}>
          <Stack gap="xs">
            <List size="sm">
              {flagged.conflicts.map((c) => (
                <List.Item key={c.applicationId}>
                  <Text span fw={600} size="sm">
                    {c.organizationName}
                  </Text>
                  : {text(c.message, c.messageKo)}
                </List.Item>
              ))}
            </List>
            <Text size="sm">{t('desk.conflicts.hint')}</Text>
            <Group>
              <Button onClick={() => assign.mutate(flagged.user)}>
                {t('desk.conflicts.assignAnyway')}
              </Button>
              <Button variant="default" onClick={() => setFlagged(null)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <ErrorAlert error={check.error ?? assign.error} />
      {list.data && (
        <Table striped>
          <Table.Tbody>
            {list.data.items.map((e) => (
              <Table.Tr key={e.userId}>
                <Table.Td>{e.name}</Table.Td>
                <Table.Td>{e.email}</Table.Td>
                <Table.Td>{seoulDate(e.assignedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
