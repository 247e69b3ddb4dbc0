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
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { CALLS_2024 } from '../../../modules/programs/calls-2024';
import { defaultTerms } from '../../../modules/programs/rules';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, won } from '../../common/format';
import { PriceInput } from '../../common/inputs';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';
import { windowColor } from '../programs/ProgramsPage';
import { ProjectTable } from '../projects/ProjectsPage';
import { Terms } from '../programs/terms';
import { AuditTrail } from './AuditTrail';
import { Overview } from './Overview';
import { Pool } from './Pool';
import { Reports } from './Reports';
import { Verification } from './Verification';

type NewCall = components['schemas']['CreateProgramDto'];
const DAY = 86_400_000;
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A 2024 call as this year's: the same terms and lengths, its window opening today. */
function fromTemplate(call: NewCall) {
  const opens = call.applicationOpensAt.slice(0, 10);
  const shift = (d?: string | null) =>
    d
      ? plusDays(
          seoulDate(new Date()),
          Math.round(
            (Date.parse(`${d.slice(0, 10)}T00:00:00Z`) - Date.parse(`${opens}T00:00:00Z`)) / DAY,
          ),
        )
      : '';
  return {
    kind: call.kind,
    title: call.title.replace('2024', new Date().getFullYear().toString()),
    description: call.description ?? '',
    opensOn: seoulDate(new Date()),
    closesOn: shift(call.applicationClosesAt),
    evaluationStartsOn: shift(call.evaluationStartsOn),
    evaluationEndsOn: shift(call.evaluationEndsOn),
    selectionOn: shift(call.selectionOn),
    budgetKrw: (call.budgetKrw ?? '') as number | '',
    targetCount: (call.targetCount ?? '') as number | '',
  };
}

const TABS = ['overview', 'calls', 'verify', 'projects', 'reports', 'pool', 'audit'] as const;

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
            {creating && <NewCallForm onDone={() => setCreating(false)} />}
            <Calls />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="md">
          <Verification />
        </Tabs.Panel>
        <Tabs.Panel value="projects" pt="md">
          <ProjectTable organizationId={null} />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <Reports />
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

/** Every call, newest first, with its window and budget. */
function Calls() {
  const { t } = useTranslation();
  const calls = useQuery({
    queryKey: ['programs', false],
    queryFn: () => ok(api.GET('/api/programs', { params: { query: { pageSize: 100 } } })),
  });
  if (calls.error) return <ErrorAlert error={calls.error} />;
  if (!calls.data) return <Skeleton h={200} />;
  return (
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
  );
}

function NewCallForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [template, setTemplate] = useState(CALLS_2024[0].slug!);
  const [f, setF] = useState(() => fromTemplate(CALLS_2024[0]));
  const [tried, setTried] = useState(false);
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF({ ...f, [k]: v });
  const problems: Partial<Record<keyof typeof f, string>> = {};
  if (!f.title.trim()) problems.title = t('plan.required');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.opensOn)) problems.opensOn = t('plan.required');
  if (f.closesOn && f.closesOn <= f.opensOn) problems.closesOn = t('desk.closesAfterOpens');
  if (f.kind !== 'PROCESSOR_POOL' && (f.budgetKrw === '' || f.budgetKrw < 1))
    problems.budgetKrw = t('plan.amount');
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/programs', {
          body: {
            kind: f.kind,
            title: f.title.trim(),
            description: f.description,
            applicationOpensAt: `${f.opensOn}T00:00:00+09:00`,
            applicationClosesAt: f.closesOn ? `${f.closesOn}T00:00:00+09:00` : null,
            ...(f.evaluationStartsOn && { evaluationStartsOn: f.evaluationStartsOn }),
            ...(f.evaluationEndsOn && { evaluationEndsOn: f.evaluationEndsOn }),
            ...(f.selectionOn && { selectionOn: f.selectionOn }),
            ...(f.budgetKrw !== '' && { budgetKrw: f.budgetKrw }),
            ...(f.targetCount !== '' && { targetCount: f.targetCount }),
          },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['programs'] });
      onDone();
    },
  });
  const err = (k: keyof typeof f) => (tried ? problems[k] : undefined);
  const preview = {
    terms: defaultTerms(f.kind),
    budgetKrw: f.budgetKrw || null,
    targetCount: f.targetCount || null,
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="new-call">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (Object.keys(problems).length === 0) create.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="new-call">
            {t('desk.newCall')}
          </Title>
          <Select
            label={t('desk.template')}
            allowDeselect={false}
            value={template}
            onChange={(slug) => {
              const call = CALLS_2024.find((c) => c.slug === slug)!;
              setTemplate(slug!);
              setF(fromTemplate(call));
            }}
            data={CALLS_2024.map((c) => ({ value: c.slug!, label: c.title }))}
          />
          <TextInput
            withAsterisk
            label={t('desk.callTitle')}
            value={f.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={err('title')}
          />
          <Textarea
            label={t('desk.description')}
            autosize
            minRows={2}
            value={f.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <Group grow>
            <TextInput
              type="date"
              withAsterisk
              label={t('desk.opensOn')}
              value={f.opensOn}
              onChange={(e) => set('opensOn', e.currentTarget.value)}
              error={err('opensOn')}
            />
            <TextInput
              type="date"
              label={t('desk.closesOn')}
              description={t('desk.rollingHint')}
              value={f.closesOn}
              onChange={(e) => set('closesOn', e.currentTarget.value)}
              error={err('closesOn')}
            />
          </Group>
          <Group grow>
            <PriceInput
              label={t('desk.budget')}
              value={f.budgetKrw}
              onChange={(v) => set('budgetKrw', typeof v === 'number' ? v : '')}
              error={err('budgetKrw')}
            />
            <PriceInput
              label={t('desk.target')}
              suffix=""
              value={f.targetCount}
              onChange={(v) => set('targetCount', typeof v === 'number' ? v : '')}
            />
          </Group>
          <Text size="sm" fw={600}>
            {t('desk.termsOf', { kind: label(t, 'programKind', f.kind) })}
          </Text>
          <Terms program={preview} />
          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('desk.open')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
