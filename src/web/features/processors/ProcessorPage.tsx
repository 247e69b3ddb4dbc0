import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { FormButtons } from '../../common/FormButtons';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';
import {
  fieldsOf,
  planBody,
  PlanForm,
  type PlanFields,
  planProblems,
} from '../applications/PlanForm';
import { Capacity } from './Capacity';

type Processor = components['schemas']['ProcessorView'];

/** A processor's public profile; its organization's admins edit it here. */
export function Component() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation();
  const { me } = useMe();
  const [editing, setEditing] = useState(false);
  const profile = useQuery({
    queryKey: ['processor', id],
    queryFn: () =>
      ok(api.GET('/api/processors/{organizationId}', { params: { path: { organizationId: id } } })),
  });
  if (profile.error) return <ErrorAlert error={profile.error} />;
  if (!profile.data) return <Skeleton h={300} />;
  const p = profile.data;
  const admin = !!me?.memberships.some((m) => m.organizationId === id && m.role === 'admin');
  return (
    <Stack maw={900}>
      <Group gap="xs">
        <Badge variant="light">{t('processors.member', { year: p.year })}</Badge>
        {p.status === 'SUSPENDED' && <Badge color="red">{t('desk.pool.SUSPENDED')}</Badge>}
        <Capacity p={p} />
      </Group>
      <Group justify="space-between">
        <Title order={1}>{p.name}</Title>
        {admin && !editing && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('processors.edit')}
          </Button>
        )}
      </Group>
      {editing ? <EditProfile p={p} onDone={() => setEditing(false)} /> : <Profile p={p} />}
    </Stack>
  );
}

function Profile({ p }: { p: Processor }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('desk.pool.technologies'), p.technologies.map((x) => label(t, 'technology', x)).join(', ')],
    [
      t('processors.industries'),
      p.industries.map((c) => `KSIC ${c} ${label(t, 'ksic', c.slice(0, 2))}`).join(', ') || '—',
    ],
    [t('desk.pool.staff'), t('project.staff', { count: p.staffCount })],
    [
      t('processors.capacity'),
      t('processors.capacityLine', {
        capacity: p.capacity,
        open: p.openProjects,
        free: p.freeSlots,
      }),
    ],
    [t('desk.pool.done'), t('project.done', { count: p.projectsDone })],
    [t('plan.region'), p.region ?? '—'],
  ];
  return (
    <Stack>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{p.summary}</Text>
      <Paper withBorder p="md" radius="md">
        <Stack gap={6} component="dl" m={0}>
          {rows.map(([k, v]) => (
            <Group key={k} gap="md" wrap="nowrap" align="flex-start">
              <Text component="dt" size="sm" fw={600} w={140}>
                {k}
              </Text>
              <Text component="dd" size="sm" m={0}>
                {v}
              </Text>
            </Group>
          ))}
        </Stack>
      </Paper>
      {p.references.length > 0 && (
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t('plan.references')}
          </Title>
          {p.references.map((r) => (
            <Text key={r} size="sm">
              · {r}
            </Text>
          ))}
        </Stack>
      )}
      {p.status === 'SUSPENDED' && p.suspendedReason && (
        <Alert color="red">{t('desk.pool.suspendedBecause', { reason: p.suspendedReason })}</Alert>
      )}
    </Stack>
  );
}

/** The profile form: the pool plan's fields, checked by the same rules, and the capacity. */
function EditProfile({ p, onDone }: { p: Processor; onDone: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [fields, setFields] = useState<PlanFields>(() =>
    fieldsOf({ ...p, region: p.region ?? '' }),
  );
  const [capacity, setCapacity] = useState<number | ''>(p.statedCapacity ?? '');
  const [tried, setTried] = useState(false);
  const problems = planProblems(t, 'PROCESSOR_POOL', fields);
  const capacityProblem =
    capacity !== '' && (capacity < 1 || capacity > 100) ? t('processors.capacityRange') : undefined;
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/processors/{organizationId}', {
          params: { path: { organizationId: p.organizationId } },
          body: {
            ...planBody('PROCESSOR_POOL', fields),
            capacity: capacity === '' ? null : capacity,
          },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['processor', p.organizationId] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('processors.edit')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (Object.keys(problems).length === 0 && !capacityProblem) save.mutate();
        }}
      >
        <Stack>
          <PlanForm kind="PROCESSOR_POOL" value={fields} onChange={setFields} showAll={tried} />
          <NumberInput
            w={320}
            label={t('processors.capacityLabel')}
            description={t('processors.capacityHint')}
            allowDecimal={false}
            value={capacity}
            onChange={(v) => setCapacity(typeof v === 'number' ? v : '')}
            error={capacityProblem}
          />
          <ErrorAlert error={save.error} />
          <FormButtons submit={t('desk.call.save')} pending={save.isPending} onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}
