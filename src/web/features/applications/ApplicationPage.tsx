import {
  Anchor,
  SimpleGrid,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDateTime, won } from '../../common/format';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';
import { type Program, termsOf } from '../programs/terms';
import { AgreementForm } from './AgreementForm';
import { CloseAgreement } from './CloseAgreement';
import { fieldsOf, type Kind, PlanForm, planBody, planProblems } from './PlanForm';
import { ScoreSheet } from './ScoreSheet';

export type Application = components['schemas']['ApplicationDetailView'];

const BEFORE_AGREEMENT = ['DRAFT', 'SUBMITTED', 'SCREENING', 'EVALUATION', 'SELECTED'];

/**
 * One application, as each person who may see it needs it: the applicant edits, submits or
 * withdraws and follows its timeline; an evaluator reads the plan beside the score sheet; the
 * operator decides and signs the agreement.
 */
export function Component() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation();
  const { me } = useMe();
  const app = useQuery({
    queryKey: ['application', id],
    queryFn: () => ok(api.GET('/api/applications/{id}', { params: { path: { id } } })),
  });
  const programId = app.data?.programId;
  const call = useQuery({
    queryKey: ['program', programId],
    queryFn: () => ok(api.GET('/api/programs/{id}', { params: { path: { id: programId! } } })),
    enabled: !!programId,
  });
  const applicant = useQuery({
    queryKey: ['organization', app.data?.organizationId],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}', { params: { path: { id: app.data!.organizationId } } }),
      ),
    // Operators read any organization; members know their own from their memberships.
    enabled: !!app.data && !!me?.platformRoles.includes('operator'),
  });
  if (app.error) return <ErrorAlert error={app.error} />;
  if (!app.data || !call.data || !me) return <Skeleton h={400} />;
  const a = app.data;
  const p = call.data;
  const membership = me.memberships.find((m) => m.organizationId === a.organizationId);
  const operator = me.platformRoles.includes('operator');
  const evaluator = me.platformRoles.includes('evaluator') && !membership;
  return (
    <Stack>
      <Group gap="xs">
        <Badge variant="light">{label(t, 'programKind', p.kind)}</Badge>
        <Badge variant="light" color={a.status === 'REJECTED' ? 'red' : 'indigo'}>
          {label(t, 'applicationStatus', a.status)}
        </Badge>
      </Group>
      <Title order={1}>{t('application.title', { program: p.title })}</Title>
      {(membership || applicant.data) && (
        <Text>
          {t('application.applicant', {
            name: membership?.organizationName ?? applicant.data?.name,
          })}
        </Text>
      )}
      {a.decisionReason && (
        <Alert color={a.status === 'REJECTED' ? 'red' : 'teal'} title={t('application.decision')}>
          {a.decisionReason}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack>
          {membership?.role === 'admin' && a.status === 'DRAFT' ? (
            <DraftPlan application={a} kind={p.kind} />
          ) : (
            <Paper
              withBorder
              p="md"
              radius="md"
              component="section"
              aria-label={t('application.plan')}
            >
              <Title order={2} size="h4" mb="sm">
                {t('application.plan')}
              </Title>
              <PlanForm
                kind={p.kind}
                value={fieldsOf(a.plan)}
                onChange={() => undefined}
                showAll={false}
                readOnly
              />
            </Paper>
          )}
          {membership?.role === 'admin' &&
            BEFORE_AGREEMENT.includes(a.status) &&
            a.status !== 'DRAFT' && <Withdraw id={a.id} />}
          {a.agreement && (
            <AgreementSummary agreement={a.agreement as Agreement} operator={operator} />
          )}
        </Stack>

        <Stack>
          {evaluator && a.status === 'EVALUATION' && <ScoreSheet application={a} program={p} />}
          {operator && <OperatorPanel application={a} program={p} />}
          <History application={a} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

type Agreement = components['schemas']['AgreementView'];

function AgreementSummary({ agreement, operator }: { agreement: Agreement; operator: boolean }) {
  const { t } = useTranslation();
  // The project an agreement made (processing support), from the list the reader may see.
  const projects = useQuery({
    queryKey: ['projects', operator ? null : agreement.organizationId],
    queryFn: () =>
      operator
        ? ok(api.GET('/api/processing-projects'))
        : ok(
            api.GET('/api/organizations/{id}/processing-projects', {
              params: { path: { id: agreement.organizationId } },
            }),
          ),
  });
  const project = projects.data?.items.find((p) => p.applicationId === agreement.applicationId);
  // The voucher a purchase-support agreement issued.
  const vouchers = useQuery({
    queryKey: ['vouchers', agreement.organizationId],
    queryFn: () =>
      ok(
        api.GET('/api/vouchers', {
          params: { query: { organizationId: agreement.organizationId, pageSize: 100 } },
        }),
      ),
  });
  const voucher = vouchers.data?.items.find((v) => v.agreementId === agreement.id);
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={t('application.agreement')}
    >
      <Title order={2} size="h4" mb="xs">
        {t('application.agreement')}
      </Title>
      <Text size="sm">
        {t('application.agreementLine', {
          total: won(agreement.totalCostKrw),
          government: won(agreement.governmentKrw),
          own: won(agreement.ownKrw),
          cash: won(agreement.ownCashKrw),
        })}
      </Text>
      <Text size="sm">
        {t('application.period', { from: agreement.startsOn, to: agreement.endsOn })} ·{' '}
        {label(t, 'agreementStatus', agreement.status)}
      </Text>
      {project && (
        <Anchor component={Link} to={`/projects/${project.id}`} size="sm">
          {t('application.openProject')}
        </Anchor>
      )}
      {operator && agreement.status === 'ACTIVE' && (
        <Stack mt="xs" gap={4}>
          <CloseAgreement applicationId={agreement.applicationId} />
        </Stack>
      )}
      {voucher && (
        <Stack gap={4} mt="xs" data-testid="agreement-voucher">
          <Text size="sm" fw={600}>
            {t('application.voucher', {
              limit: won(voucher.limitKrw),
              rate: voucher.rateBp / 100,
              until: voucher.validUntil,
            })}
          </Text>
          <Text size="sm">
            {t('application.voucherBalance', { balance: won(voucher.balanceKrw) })}
          </Text>
          {!operator && (
            <Group gap="md">
              <Anchor component={Link} to="/" size="sm">
                {t('application.findData')}
              </Anchor>
              <Anchor component={Link} to="/purchases?tab=vouchers" size="sm">
                {t('application.openVoucher')}
              </Anchor>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function DraftPlan({ application, kind }: { application: Application; kind: Kind }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [plan, setPlan] = useState(() => fieldsOf(application.plan));
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const refresh = () => queries.invalidateQueries({ queryKey: ['application', application.id] });
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/applications/{id}', {
          params: { path: { id: application.id } },
          body: { plan: planBody(kind, plan) },
        }),
      ),
    onSuccess: () => setSaved(true),
  });
  const submit = useMutation({
    mutationFn: async () => {
      await ok(
        api.PATCH('/api/applications/{id}', {
          params: { path: { id: application.id } },
          body: { plan: planBody(kind, plan) },
        }),
      );
      return ok(
        api.POST('/api/applications/{id}/submit', { params: { path: { id: application.id } } }),
      );
    },
    onSuccess: refresh,
  });
  const valid = () => {
    setTried(true);
    return Object.keys(planProblems(t, kind, plan)).length === 0;
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('application.plan')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (valid()) submit.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            {t('application.plan')}
          </Title>
          <PlanForm
            kind={kind}
            value={plan}
            onChange={(v) => {
              setPlan(v);
              setSaved(false);
            }}
            showAll={tried}
          />
          <ErrorAlert error={save.error ?? submit.error} />
          {saved && (
            <Text c="teal.9" role="status">
              {t('application.saved')}
            </Text>
          )}
          <Group>
            <Button
              variant="default"
              loading={save.isPending}
              onClick={() => valid() && save.mutate()}
            >
              {t('application.save')}
            </Button>
            <Button type="submit" loading={submit.isPending}>
              {t('application.submit')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('application.submitHint')}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}

function Withdraw({ id }: { id: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/applications/{id}/withdraw', {
          params: { path: { id } },
          body: reason.trim() ? { reason: reason.trim() } : {},
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['application', id] }),
  });
  if (!asking)
    return (
      <Group>
        <Button variant="subtle" color="red" onClick={() => setAsking(true)}>
          {t('application.withdraw')}
        </Button>
      </Group>
    );
  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <Textarea
          label={t('application.withdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={withdraw.error} />
        <Group>
          <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t('application.withdrawConfirm')}
          </Button>
          <Button variant="default" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The status as it changed: screening, evaluation, decision with its reason, agreement. */
function History({ application }: { application: Application }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('application.history')}>
      <Title order={2} size="h4" mb="sm">
        {t('application.history')}
      </Title>
      <Timeline active={application.history.length - 1} bulletSize={14} lineWidth={2}>
        {application.history.map((h) => (
          <Timeline.Item key={h.id} title={label(t, 'applicationStatus', h.toStatus)}>
            <Text size="xs" c="dimmed">
              {seoulDateTime(h.at)}
            </Text>
            {h.reason && (
              <Text size="sm">
                {/* The service's own steps read in the reader's language; people's reasons as written. */}
                {t(`application.systemReasons.${h.reason}`, { defaultValue: h.reason })}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

/** The operator's part: the evaluators' sheets, the decision with its reason, the agreement. */
function OperatorPanel({ application, program }: { application: Application; program: Program }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: 'selected' | 'rejected') =>
      ok(
        api.POST('/api/applications/{id}/decision', {
          params: { path: { id: application.id } },
          body: { decision, reason: reason.trim() },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['application', application.id] }),
  });
  const criteria = termsOf(program).criteria;
  const checklist = termsOf(program).checklist;
  return (
    <Stack>
      <Paper
        withBorder
        p="md"
        radius="md"
        component="section"
        aria-label={t('application.evaluations')}
      >
        <Title order={2} size="h4" mb="xs">
          {t('application.evaluations')}
        </Title>
        {application.evaluations.length === 0 ? (
          <Text size="sm">{t('application.noEvaluations')}</Text>
        ) : (
          application.evaluations.map((e) => (
            <Stack key={e.id} gap={2} mb="xs">
              <Text size="sm" fw={600}>
                {e.score !== null
                  ? t('application.scored', { score: e.score })
                  : e.passed
                    ? t('application.passed')
                    : t('application.failed')}
              </Text>
              {(e.scores ?? []).map((s) => (
                <Text key={s.criterion} size="xs">
                  {criteria.find((c) => c.key === s.criterion)?.name ?? s.criterion}: {s.points}
                </Text>
              ))}
              {(e.checklist ?? []).map((c) => (
                <Text key={c.item} size="xs">
                  {checklist.find((x) => x.key === c.item)?.name ?? c.item}: {c.passed ? '✓' : '✗'}{' '}
                  {c.comment}
                </Text>
              ))}
              {e.comment && <Text size="xs">{e.comment}</Text>}
            </Stack>
          ))
        )}
      </Paper>
      {application.status === 'EVALUATION' && (
        <Paper
          withBorder
          p="md"
          radius="md"
          component="section"
          aria-label={t('application.decide')}
        >
          <Stack>
            <Title order={2} size="h4">
              {t('application.decide')}
            </Title>
            <Textarea
              label={t('application.reason')}
              withAsterisk
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={tried && !reason.trim() ? t('plan.required') : undefined}
            />
            <ErrorAlert error={decide.error} />
            <Group>
              <Button
                loading={decide.isPending && decide.variables === 'selected'}
                onClick={() => {
                  setTried(true);
                  if (reason.trim()) decide.mutate('selected');
                }}
              >
                {t('application.select')}
              </Button>
              <Button
                color="red"
                variant="light"
                loading={decide.isPending && decide.variables === 'rejected'}
                onClick={() => {
                  setTried(true);
                  if (reason.trim()) decide.mutate('rejected');
                }}
              >
                {t('application.reject')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {application.status === 'SELECTED' && termsOf(program).money && (
        <AgreementForm application={application} program={program} />
      )}
    </Stack>
  );
}
