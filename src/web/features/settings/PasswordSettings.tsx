import { Alert, Button, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { session } from '../../common/session';
import { NewPasswordFields, PasswordField, useNewPassword } from '../auth/PasswordFields';

/** A new password, given the current one; the other devices are signed out, this one goes on. */
export function PasswordSettings() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const next = useNewPassword();
  const change = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/auth/password', {
          body: { currentPassword: current, newPassword: next.password },
        }),
      ),
    onSuccess: (tokens) => {
      session.signIn({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
      setCurrent('');
      next.reset();
    },
  });
  return (
    <Paper withBorder p="lg" radius="md" maw={480}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (next.ready && current) change.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('settings.password.hint')}
          </Text>
          {change.isSuccess && (
            <Alert color="green" role="status">
              {t('settings.password.done')}
            </Alert>
          )}
          <PasswordField
            label={t('auth.currentPassword')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <NewPasswordFields fields={next.fields} />
          <ErrorAlert error={change.error} title={t('settings.password.failed')} />
          <Button
            type="submit"
            loading={change.isPending}
            disabled={!next.ready || !current}
            w="fit-content"
          >
            {t('settings.password.save')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
