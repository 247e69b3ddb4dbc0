import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../common/api';
import { ErrorAlert } from '../common/errors';
import { label } from '../common/labels';
import { useSignedIn } from '../common/session';

/** Invitations to join an organization, waiting for the signed-in user's answer, on every page. */
export default function InvitationsBanner() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const queries = useQueryClient();
  const invitations = useQuery({
    queryKey: ['my-invitations'],
    queryFn: () => ok(api.GET('/api/me/invitations')),
    enabled: signedIn,
    staleTime: 60_000,
  });
  const answer = useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) =>
      ok(
        accept
          ? api.POST('/api/invitations/{id}/accept', { params: { path: { id } } })
          : api.POST('/api/invitations/{id}/decline', { params: { path: { id } } }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['my-invitations'] });
      void queries.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const pending = (invitations.data ?? []).filter((i) => i.status === 'PENDING');
  if (!signedIn || pending.length === 0) return null;
  return (
    <Stack gap="xs" mb="md">
      {pending.map((i) => (
        <Alert key={i.id} color="indigo" title={t('invitations.title')}>
          <Group justify="space-between">
            <Text size="sm">
              {t('invitations.body', {
                organization: i.organizationName,
                role: label(t, 'role', i.role),
              })}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                onClick={() => answer.mutate({ id: i.id, accept: true })}
                loading={answer.isPending}
              >
                {t('invitations.accept')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => answer.mutate({ id: i.id, accept: false })}
              >
                {t('invitations.decline')}
              </Button>
            </Group>
          </Group>
        </Alert>
      ))}
      <ErrorAlert error={answer.error} />
    </Stack>
  );
}
