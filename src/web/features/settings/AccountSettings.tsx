import { Alert, Button, Checkbox, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { useMe } from '../../common/me';
import { session } from '../../common/session';
import { PasswordField } from '../auth/PasswordFields';

/** The account: the name a person goes by, and leaving the exchange. */
export function AccountSettings() {
  return (
    <Stack maw={560}>
      <NameForm />
      <Withdrawal />
    </Stack>
  );
}

/** The name other members and the audit trail show, corrected. */
function NameForm() {
  const { t } = useTranslation();
  const { me } = useMe();
  const queries = useQueryClient();
  const [name, setName] = useState(me?.name ?? '');
  const rename = useMutation({
    mutationFn: () => ok(api.PATCH('/api/me', { body: { name } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['me'] }),
  });
  return (
    <Paper withBorder p="lg" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            {t('settings.account.nameTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settings.account.nameHint', { email: me?.email ?? '' })}
          </Text>
          <TextInput
            label={t('auth.name')}
            required
            maxLength={100}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              rename.reset();
            }}
          />
          {rename.isSuccess && (
            <Alert color="green" role="status">
              {t('settings.account.nameSaved')}
            </Alert>
          )}
          <ErrorAlert error={rename.error} />
          <Button
            type="submit"
            loading={rename.isPending}
            disabled={!name.trim() || name.trim() === me?.name}
            w="fit-content"
          >
            {t('settings.account.nameSave')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** Leaving the exchange (회원 탈퇴): what it does, then the password and a confirmation. */
function Withdrawal() {
  const { t } = useTranslation();
  const { me } = useMe();
  const queries = useQueryClient();
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => ok(api.POST('/api/me/withdraw', { body: { password } })),
    onSuccess: () => {
      // The settings page sends a person who left to the front page, not to sign-in.
      session.signOut('withdrawn');
      queries.clear();
      notifications.show({
        color: 'teal',
        message: t('settings.account.done'),
        closeButtonProps: { 'aria-label': t('sell.close') },
      });
    },
  });
  // The API refuses a staff account (409 CONFLICT): say so instead of offering the form.
  if (me?.platformRoles.length)
    return (
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Title order={2} size="h4">
            {t('settings.account.title')}
          </Title>
          <Text size="sm">{t('settings.account.staff')}</Text>
        </Stack>
      </Paper>
    );
  return (
    <Paper withBorder p="lg" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (understood && password) withdraw.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            {t('settings.account.title')}
          </Title>
          <Alert color="red" variant="light">
            <List size="sm" spacing={4}>
              <List.Item>{t('settings.account.memberships')}</List.Item>
              <List.Item>{t('settings.account.anonymous')}</List.Item>
              <List.Item>{t('settings.account.records')}</List.Item>
              <List.Item>{t('settings.account.admins')}</List.Item>
            </List>
          </Alert>
          <PasswordField
            label={t('auth.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Checkbox
            label={t('settings.account.understood')}
            checked={understood}
            onChange={(e) => setUnderstood(e.currentTarget.checked)}
          />
          <ErrorAlert error={withdraw.error} title={t('settings.account.failed')} />
          <Text size="sm" c="dimmed">
            {t('settings.account.after')}
          </Text>
          <Button
            type="submit"
            color="red"
            loading={withdraw.isPending}
            disabled={!understood || !password}
            w="fit-content"
          >
            {t('settings.account.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
