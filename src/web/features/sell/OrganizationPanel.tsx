import {
  Alert,
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
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate } from '../../common/format';
import { label } from '../../common/labels';

/** The organization: its registration, its verification and what is still missing, its members. */
export function OrganizationPanel({
  organizationId,
  admin,
}: {
  organizationId: string;
  admin: boolean;
}) {
  const { t } = useTranslation();
  const path = { params: { path: { id: organizationId } } };
  const org = useQuery({
    queryKey: ['organization', organizationId],
    queryFn: () => ok(api.GET('/api/organizations/{id}', path)),
  });
  const members = useQuery({
    queryKey: ['members', organizationId],
    queryFn: () => ok(api.GET('/api/organizations/{id}/members', path)),
  });
  if (org.error) return <ErrorAlert error={org.error} />;
  if (!org.data) return <Skeleton h={200} />;
  const o = org.data;
  const v = o.verification;
  const good = v && v.businessStatus === 'ACTIVE' && !v.taxArrears;
  return (
    <Stack>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Field name={t('org.name')} value={o.name} />
          <Field name={t('org.registrationNumber')} value={o.registrationNumber} />
          <Field name={t('org.representative')} value={o.representativeName} />
          <Field name={t('org.industryCode')} value={o.industryCode} />
          <Field name={t('org.categoryClaimed')} value={label(t, 'category', o.category)} />
          <Field
            name={t('org.categoryConfirmed')}
            value={
              o.confirmedCategory ? label(t, 'category', o.confirmedCategory) : t('org.notYet')
            }
          />
        </SimpleGrid>
      </Paper>
      {!v ? (
        <Alert color="yellow" title={t('org.unverified')}>
          {t('org.unverifiedBody')}
        </Alert>
      ) : good ? (
        <Alert color="teal" title={t('org.verified', { date: seoulDate(v.verifiedAt) })}>
          {t('org.verifiedBody')}
        </Alert>
      ) : (
        <Alert color="red" title={t('org.notInGoodStanding')}>
          {v.taxArrears
            ? t('org.taxArrears')
            : t('org.businessStatus', { status: v.businessStatus })}
        </Alert>
      )}
      <Title order={2} size="h4">
        {t('org.members')}
      </Title>
      {members.data && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('auth.name')}</Table.Th>
              <Table.Th>{t('auth.email')}</Table.Th>
              <Table.Th>{t('org.role')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.items.map((m) => (
              <Table.Tr key={m.userId}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{label(t, 'role', m.role)}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {admin && <Invite organizationId={organizationId} />}
    </Stack>
  );
}

function Field({ name, value }: { name: string; value: string | null | undefined }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {name}
      </Text>
      <Text>{value ?? '—'}</Text>
    </div>
  );
}

function Invite({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'admin' | 'member'>('member');
  const path = { params: { path: { id: organizationId } } };
  const invitations = useQuery({
    queryKey: ['invitations', organizationId],
    queryFn: () => ok(api.GET('/api/organizations/{id}/invitations', path)),
  });
  const invite = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/organizations/{id}/invitations', { ...path, body: { email, role } })),
    onSuccess: () => {
      setEmail('');
      void queries.invalidateQueries({ queryKey: ['invitations', organizationId] });
    },
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="invite-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="invite-title">
          {t('org.invite')}
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Select
              label={t('org.role')}
              value={role}
              allowDeselect={false}
              onChange={(v) => setRole(v as 'admin' | 'member')}
              data={['member', 'admin'].map((r) => ({ value: r, label: label(t, 'role', r) }))}
            />
            <Button type="submit" loading={invite.isPending}>
              {t('org.sendInvite')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={invite.error} />
        {invitations.data && invitations.data.items.length > 0 && (
          <Table fz="sm">
            <Table.Tbody>
              {invitations.data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.email}</Table.Td>
                  <Table.Td>{label(t, 'role', i.role)}</Table.Td>
                  <Table.Td>{label(t, 'invitationStatus', i.status)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
