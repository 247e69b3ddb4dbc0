import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate } from '../../common/format';
import { OrganizationSelect } from '../../common/inputs';
import { label } from '../../common/labels';
import { useMe } from '../../common/me';
import { emptyPlan, type Kind, PlanForm, planBody, planProblems } from '../applications/PlanForm';
import { windowColor } from './ProgramsPage';
import { Terms } from './terms';

/** A call: its terms and calendar, and for an organization's admin the eligibility check and the form. */
export function Component() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation();
  const { me } = useMe();
  const call = useQuery({
    queryKey: ['program', id],
    queryFn: () => ok(api.GET('/api/programs/{id}', { params: { path: { id } } })),
  });
  if (call.error) return <ErrorAlert error={call.error} />;
  if (!call.data) return <Skeleton h={300} />;
  const p = call.data;
  const admins = me?.memberships.filter((m) => m.role === 'admin') ?? [];
  return (
    <Stack maw={900}>
      <Group gap="xs">
        <Badge variant="light">{label(t, 'programKind', p.kind)}</Badge>
        <Badge variant="light" color={windowColor[p.applicationWindow]}>
          {label(t, 'window', p.applicationWindow)}
        </Badge>
      </Group>
      <Title order={1}>{p.title}</Title>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Text>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="xs">
          {t('programs.termsTitle')}
        </Title>
        <Terms program={p} />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="xs">
          {t('programs.calendar')}
        </Title>
        <List size="sm">
          <List.Item>
            {t('programs.window', {
              from: seoulDate(p.applicationOpensAt),
              to: p.applicationClosesAt ? seoulDate(p.applicationClosesAt) : t('programs.rolling'),
            })}
          </List.Item>
          {p.evaluationStartsOn && (
            <List.Item>
              {t('programs.evaluation', {
                from: p.evaluationStartsOn,
                to: p.evaluationEndsOn ?? '—',
              })}
            </List.Item>
          )}
          {p.selectionOn && <List.Item>{t('programs.selection', { on: p.selectionOn })}</List.Item>}
        </List>
      </Paper>
      {!me ? (
        <Text>
          <Anchor component={Link} to={`/signin?next=/programs/${id}`}>
            {t('programs.signInToApply')}
          </Anchor>
        </Text>
      ) : admins.length === 0 ? (
        <Text>{t('programs.adminsApply')}</Text>
      ) : (
        <Apply programId={id} kind={p.kind} open={p.applicationWindow === 'OPEN'} admins={admins} />
      )}
    </Stack>
  );
}

function Apply({
  programId,
  kind,
  open,
  admins,
}: {
  programId: string;
  kind: Kind;
  open: boolean;
  admins: { organizationId: string; organizationName: string }[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [orgId, setOrgId] = useState(admins[0].organizationId);
  const [plan, setPlan] = useState(emptyPlan);
  const [tried, setTried] = useState(false);
  const eligibility = useQuery({
    queryKey: ['eligibility', orgId, programId],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/eligibility', {
          params: { path: { id: orgId }, query: { programId } },
        }),
      ),
  });
  // The organization's applications to this call (a handful at most: withdrawn, rejected, one live).
  const existing = useQuery({
    queryKey: ['org-applications', orgId, 'program', programId],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/applications', {
          params: { path: { id: orgId }, query: { programId, pageSize: 100 } },
        }),
      ),
  });
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/programs/{id}/applications', {
          params: { path: { id: programId } },
          body: { organizationId: orgId, plan: planBody(kind, plan) },
        }),
      ),
    onSuccess: (app) => void navigate(`/applications/${app.id}`),
  });
  const mine = existing.data?.items.find(
    (a) => a.programId === programId && !['WITHDRAWN', 'REJECTED', 'CANCELLED'].includes(a.status),
  );
  const { text } = useBilingual();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="apply-title">
      <Stack>
        <Title order={2} size="h3" id="apply-title">
          {t('programs.apply')}
        </Title>
        <OrganizationSelect
          w={320}
          label={t('programs.applyAs')}
          memberships={admins}
          value={orgId}
          onChange={setOrgId}
        />
        {eligibility.data &&
          (eligibility.data.eligible ? (
            <Alert color="teal" title={t('programs.eligible')}>
              {t('programs.eligibleText')}
            </Alert>
          ) : (
            <Alert color="orange" title={t('programs.notEligible')} role="status">
              <List size="sm">
                {eligibility.data.failures.map((f) => (
                  <List.Item key={f.rule}>{text(f.message, f.messageKo)}</List.Item>
                ))}
              </List>
            </Alert>
          ))}
        <ErrorAlert error={eligibility.error} />
        {mine ? (
          <Text>
            {t('programs.alreadyApplied', { status: label(t, 'applicationStatus', mine.status) })}{' '}
            <Anchor component={Link} to={`/applications/${mine.id}`}>
              {t('programs.openApplication')}
            </Anchor>
          </Text>
        ) : !open ? (
          <Text>{t('programs.notOpen')}</Text>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setTried(true);
              if (Object.keys(planProblems(t, kind, plan)).length === 0) create.mutate();
            }}
          >
            <Stack>
              <PlanForm kind={kind} value={plan} onChange={setPlan} showAll={tried} />
              <ErrorAlert error={create.error} />
              <Group>
                <Button type="submit" loading={create.isPending}>
                  {t('programs.saveDraft')}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                {t('programs.draftHint')}
              </Text>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
