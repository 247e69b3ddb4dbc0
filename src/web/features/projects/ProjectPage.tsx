import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, seoulDateTime, won } from '../../common/format';
import { DatasetSelect, PriceInput } from '../../common/inputs';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';
import { CardStep } from '../checkout/CardStep';
import { Match } from './Match';
import { CloseAgreement } from '../applications/CloseAgreement';

type Project = components['schemas']['ProcessingProjectView'];
type Milestone = components['schemas']['MilestoneView'];

const useProject = (id: string) =>
  useQuery({
    queryKey: ['project', id],
    queryFn: () => ok(api.GET('/api/processing-projects/{id}', { params: { path: { id } } })),
  });

/**
 * A processing-support project as each party needs it: the operator matches a processor; the
 * owner shares raw data, pays the cash part of its share by card, records contributions in kind
 * and accepts or returns milestones; the processor downloads the raw data with its SHA-256 and
 * submits deliverables. Everyone sees the milestones, the money and the history.
 */
export function Component() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation();
  const { me } = useMe();
  const project = useProject(id);
  if (project.error) return <ErrorAlert error={project.error} />;
  if (!project.data || !me) return <Skeleton h={400} />;
  const p = project.data;
  const ownerRole = me.memberships.find((m) => m.organizationId === p.ownerOrganizationId)?.role;
  const processorMember = me.memberships.some(
    (m) => m.organizationId === p.processorOrganizationId,
  );
  const operator = me.platformRoles.includes('operator');
  const processor = p.processor as { name?: string } | null;
  return (
    <Stack>
      <Group gap="xs">
        <Badge variant="light">{label(t, 'programKind', 'PROCESSING_SUPPORT')}</Badge>
        <Badge
          variant="light"
          color={p.status === 'COMPLETED' ? 'teal' : 'indigo'}
          data-testid="project-status"
        >
          {label(t, 'projectStatus', p.status)}
        </Badge>
      </Group>
      <Title order={1}>{t('project.title')}</Title>
      <Text>
        {t('project.parties', { processor: processor?.name ?? t('project.notMatched') })} ·{' '}
        {t('application.period', { from: p.agreement.startsOn, to: p.agreement.endsOn })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {(
          [
            ['project.government', p.governmentKrw],
            ['project.spent', p.money.spentKrw],
            ['project.ownCash', p.ownCashKrw],
          ] as const
        ).map(([key, n]) => (
          <Paper key={key} withBorder p="md" radius="md">
            <Text size="sm" c="dimmed">
              {t(key)}
            </Text>
            <Text fw={700} size="lg">
              {won(n)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {operator && p.status === 'AWAITING_MATCH' && <Match project={p} />}
      {operator && (p.status === 'AWAITING_MATCH' || p.status === 'IN_PROGRESS') && (
        <Paper withBorder p="md" radius="md" component="section" aria-label={t('agreement.close')}>
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('agreement.close')}
            </Title>
            <Text size="sm">{t('agreement.closeHint')}</Text>
            <CloseAgreement applicationId={p.applicationId} />
          </Stack>
        </Paper>
      )}
      {ownerRole === 'admin' && p.status === 'IN_PROGRESS' && <OwnerTasks project={p} />}
      {processorMember && p.rawData.length > 0 && <RawData project={p} />}
      <Milestones
        project={p}
        canDecide={ownerRole === 'admin' || operator}
        canSubmit={processorMember}
      />
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('project.obligation')}>
        <Title order={2} size="h4" mb="xs">
          {t('project.obligation')}
        </Title>
        <Text size="sm">{t('project.obligationText')}</Text>
      </Paper>
      <History project={p} />
    </Stack>
  );
}

/** The owner's part: raw data for the processor, the cash part of the own share, contributions in kind. */
function OwnerTasks({ project }: { project: Project }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ['project', project.id] });
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const share = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/processing-projects/{id}/raw-data', {
          params: { path: { id: project.id } },
          body: { datasetId: datasetId! },
        }),
      ),
    onSuccess: () => {
      setDatasetId(null);
      void refresh();
    },
  });
  const pay = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/processing-projects/{id}/own-share/payment', {
          params: { path: { id: project.id } },
        }),
      ),
  });
  const [paid, setPaid] = useState(false);
  const [amount, setAmount] = useState<number | ''>('');
  const [description, setDescription] = useState('');
  const inKind = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/processing-projects/{id}/in-kind', {
          params: { path: { id: project.id } },
          body: { amountKrw: Number(amount), description: description.trim() },
        }),
      ),
    onSuccess: () => {
      setAmount('');
      setDescription('');
      void refresh();
    },
  });
  const shared = new Set(project.rawDatasetIds);
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('project.rawData')}>
        <Stack>
          <Title order={2} size="h4">
            {t('project.rawData')}
          </Title>
          {project.rawData.map((d) => (
            <Text key={d.datasetId} size="sm">
              ✓ {d.title}
            </Text>
          ))}
          <DatasetSelect
            organizationId={project.ownerOrganizationId}
            label={t('project.shareDataset')}
            value={datasetId}
            onChange={setDatasetId}
            exclude={shared}
          />
          <ErrorAlert error={share.error} />
          <Button disabled={!datasetId} loading={share.isPending} onClick={() => share.mutate()}>
            {t('project.share')}
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('project.cashShare')}>
        <Stack>
          <Title order={2} size="h4">
            {t('project.cashShare')}
          </Title>
          {project.ownSharePaidAt || (paid && project.ownSharePaidAt) ? (
            <Text c="teal.9" role="status">
              {t('project.cashPaid', { at: seoulDateTime(project.ownSharePaidAt) })}
            </Text>
          ) : paid ? (
            <Text role="status">{t('checkout.waiting')}</Text>
          ) : project.ownCashKrw === 0 ? (
            <Text size="sm">{t('project.noCash')}</Text>
          ) : pay.data ? (
            <CardStep
              clientSecret={pay.data.clientSecret}
              amount={won(pay.data.amountKrw)}
              onPaid={() => {
                setPaid(true);
                // Stripe's webhook records the payment; the project shows it when it has.
                const poll = setInterval(() => void refresh(), 1000);
                setTimeout(() => clearInterval(poll), 20_000);
              }}
            />
          ) : (
            <>
              <Text size="sm">{t('project.cashDue', { amount: won(project.ownCashKrw) })}</Text>
              <ErrorAlert error={pay.error} />
              <Button loading={pay.isPending} onClick={() => pay.mutate()}>
                {t('project.payCash')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('project.inKind')}>
        <Stack>
          <Title order={2} size="h4">
            {t('project.inKind')}
          </Title>
          {project.inKind.map((k) => (
            <Text key={k.at} size="sm">
              {won(k.amountKrw)} · {k.description}
            </Text>
          ))}
          <PriceInput
            label={t('project.inKindAmount')}
            value={amount}
            onChange={(v) => setAmount(typeof v === 'number' ? v : '')}
          />
          <TextInput
            label={t('project.inKindDescription')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <ErrorAlert error={inKind.error} />
          <Button
            variant="light"
            disabled={amount === '' || !description.trim()}
            loading={inKind.isPending}
            onClick={() => inKind.mutate()}
          >
            {t('project.recordInKind')}
          </Button>
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}

/** The raw data shared with the processor: short-lived links with each file's SHA-256. */
function RawData({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('project.rawData')}>
      <Title order={2} size="h4" mb="xs">
        {t('project.rawData')}
      </Title>
      {project.rawData.map((d) =>
        d.sealedVersions.length === 0 ? (
          <Text key={d.datasetId} size="sm">
            {t('project.notSealed', { title: d.title })}
          </Text>
        ) : (
          <RawDataset
            key={d.datasetId}
            projectId={project.id}
            datasetId={d.datasetId}
            title={d.title}
            version={d.sealedVersions[d.sealedVersions.length - 1]}
          />
        ),
      )}
    </Paper>
  );
}

function RawDataset(props: {
  projectId: string;
  datasetId: string;
  title: string;
  version: number;
}) {
  const { t } = useTranslation();
  const { projectId, datasetId, version } = props;
  const files = useQuery({
    queryKey: ['raw-data', projectId, datasetId, version],
    queryFn: () =>
      ok(
        api.GET('/api/processing-projects/{id}/raw-data/{datasetId}/versions/{version}/download', {
          params: { path: { id: projectId, datasetId, version } },
        }),
      ),
    // The links are short-lived: fetch them again rather than keep old ones.
    staleTime: 0,
  });
  if (files.error) return <ErrorAlert error={files.error} />;
  if (!files.data) return <Skeleton h={40} />;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {props.title} · {t('project.version', { version })}
      </Text>
      <Table>
        <Table.Tbody>
          {files.data.files.map((f) => (
            <Table.Tr key={f.name}>
              <Table.Td>
                <Anchor href={f.url} download={f.name}>
                  {f.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace" data-testid="raw-sha256">
                  {f.sha256}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Milestones({
  project,
  canDecide,
  canSubmit,
}: {
  project: Project;
  canDecide: boolean;
  canSubmit: boolean;
}) {
  const { t } = useTranslation();
  const returned = (m: Milestone) =>
    [...project.history]
      .reverse()
      .find((h) => h.milestone === m.name && h.action === 'milestone.returned')?.reason;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('project.milestones')}>
      <Title order={2} size="h4" mb="xs">
        {t('project.milestones')}
      </Title>
      <Stack>
        {project.milestones.map((m) => (
          <Paper
            key={m.id}
            withBorder
            p="sm"
            radius="sm"
            data-testid={`milestone-${m.name}`}
            data-status={m.status}
          >
            <Stack gap={6}>
              <Group justify="space-between">
                <Text fw={600}>
                  {m.position}. {label(t, 'milestone', m.name)}
                </Text>
                <Group gap="xs">
                  {m.overdue && (
                    <Badge color="red" variant="light">
                      {t('project.overdue')}
                    </Badge>
                  )}
                  <Badge
                    variant="light"
                    color={
                      m.status === 'ACCEPTED' ? 'teal' : m.status === 'RETURNED' ? 'orange' : 'gray'
                    }
                  >
                    {label(t, 'milestoneStatus', m.status)}
                  </Badge>
                </Group>
              </Group>
              <Text size="sm">
                {t('project.milestoneLine', {
                  planned: seoulDate(m.plannedOn),
                  amount: won(m.amountKrw),
                  share: m.shareBp / 100,
                })}
              </Text>
              {m.status === 'RETURNED' && returned(m) && (
                <Alert color="orange" title={t('project.returnedBecause')}>
                  {returned(m)}
                </Alert>
              )}
              {m.note && <Text size="sm">{t('project.note', { note: m.note })}</Text>}
              {canSubmit &&
                project.status === 'IN_PROGRESS' &&
                (m.status === 'PENDING' || m.status === 'RETURNED') && (
                  <SubmitMilestone project={project} milestone={m} />
                )}
              {canDecide && m.status === 'SUBMITTED' && (
                <DecideMilestone project={project} milestone={m} />
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

/** The processor's deliverable: a verified version of one of its datasets, and a note. */
function SubmitMilestone({ project, milestone }: { project: Project; milestone: Milestone }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const orgId = project.processorOrganizationId!;
  const [datasetId, setDatasetId] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['dataset', datasetId],
    queryFn: () => ok(api.GET('/api/datasets/{id}', { params: { path: { id: datasetId! } } })),
    enabled: !!datasetId,
  });
  const [version, setVersion] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const submit = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/processing-projects/{id}/milestones/{milestone}/submit', {
          params: { path: { id: project.id, milestone: milestone.name } },
          body: {
            deliverables: [{ datasetId: datasetId!, version: Number(version) }],
            note: note.trim(),
          },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['project', project.id] }),
  });
  const versions = (detail.data?.versions ?? []).filter((v) => v.status === 'SEALED');
  return (
    <Stack gap="xs">
      <Group grow align="flex-end">
        <DatasetSelect
          organizationId={orgId}
          label={t('project.deliverable')}
          value={datasetId}
          onChange={(v) => {
            setDatasetId(v);
            setVersion(null);
          }}
        />
        <Select
          label={t('project.deliverableVersion')}
          placeholder={t('project.choose')}
          value={version}
          onChange={setVersion}
          data={versions.map((v) => ({
            value: String(v.version),
            label: `v${v.version} · ${label(t, 'qualityStatus', v.quality?.status ?? 'PENDING')}`,
          }))}
        />
      </Group>
      <Textarea
        label={t('project.submitNote')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <ErrorAlert error={submit.error} />
      <Group>
        <Button
          disabled={!datasetId || !version || !note.trim()}
          loading={submit.isPending}
          onClick={() => submit.mutate()}
        >
          {t('project.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The owner (or an operator) accepts a submitted milestone, or returns it with a reason. */
function DecideMilestone({ project, milestone }: { project: Project; milestone: Milestone }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const path = { params: { path: { id: project.id, milestone: milestone.name } } };
  const refresh = () => queries.invalidateQueries({ queryKey: ['project', project.id] });
  const accept = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/processing-projects/{id}/milestones/{milestone}/accept', {
          ...path,
          body: {},
        }),
      ),
    onSuccess: refresh,
  });
  const giveBack = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/processing-projects/{id}/milestones/{milestone}/return', {
          ...path,
          body: { reason: reason.trim() },
        }),
      ),
    onSuccess: () => {
      setReason('');
      void refresh();
    },
  });
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t('project.delivered', {
          list: milestone.deliverables.map((d) => `v${d.version}`).join(', '),
          at: seoulDateTime(milestone.submittedAt),
        })}
      </Text>
      <Textarea
        label={t('project.returnReason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <ErrorAlert error={accept.error ?? giveBack.error} />
      <Group>
        <Button color="teal" loading={accept.isPending} onClick={() => accept.mutate()}>
          {t('project.accept')}
        </Button>
        <Button
          variant="light"
          color="orange"
          disabled={!reason.trim()}
          loading={giveBack.isPending}
          onClick={() => giveBack.mutate()}
        >
          {t('project.return')}
        </Button>
      </Group>
    </Stack>
  );
}

function History({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('project.history')}>
      <Title order={2} size="h4" mb="xs">
        {t('project.history')}
      </Title>
      <Table>
        <Table.Tbody>
          {[...project.history].reverse().map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{seoulDateTime(h.at)}</Table.Td>
              <Table.Td>{label(t, 'projectAction', h.action)}</Table.Td>
              <Table.Td>{h.milestone ? label(t, 'milestone', h.milestone) : ''}</Table.Td>
              <Table.Td>{h.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {project.payments.length > 0 && (
        <>
          <Title order={3} size="h5" mt="md" mb="xs">
            {t('project.payments')}
          </Title>
          <Table>
            <Table.Tbody>
              {project.payments.map((pay, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{seoulDateTime(pay.at)}</Table.Td>
                  <Table.Td>
                    {label(t, 'journalKind', pay.kind)}
                    {/* A milestone's payment names the milestone (its memo: "milestone PROCESSING"). */}
                    {pay.memo?.startsWith('milestone ') &&
                      ` · ${label(t, 'milestone', pay.memo.slice('milestone '.length))}`}
                  </Table.Td>
                  <Table.Td>{label(t, 'ledgerAccount', pay.account)}</Table.Td>
                  <Table.Td ta="right">{won(pay.amountKrw)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
