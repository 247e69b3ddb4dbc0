import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { session } from '../../common/session';
import { NewPasswordFields, useNewPassword } from './PasswordFields';

/** The reset mail's link: a new password, set once; then every device signs in again. */
export function Component() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const queries = useQueryClient();
  const token = params.get('token') ?? '';
  const next = useNewPassword();
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/auth/password-reset/confirm', {
          body: { token, password: next.password },
        }),
      ),
    onSuccess: () => {
      // Every session of the account ended, this browser's too.
      if (session.tokens) session.signOut('signedOut');
      queries.clear();
    },
  });
  const askAgain = (
    <Anchor component={Link} to="/forgot-password">
      {t('auth.askAgain')}
    </Anchor>
  );
  return (
    <Stack maw={420} mx="auto" mt="xl">
      <Title order={1}>{t('auth.resetTitle')}</Title>
      {!token ? (
        <Alert color="yellow" role="alert">
          <Stack gap="xs">
            <Text>{t('auth.resetNoToken')}</Text>
            {askAgain}
          </Stack>
        </Alert>
      ) : save.isSuccess ? (
        <Alert color="green" role="status" title={t('auth.resetDoneTitle')}>
          <Stack gap="xs">
            <Text>{t('auth.resetDone')}</Text>
            <Anchor component={Link} to="/signin">
              {t('auth.signIn')}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <Paper withBorder p="lg" radius="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (next.ready) save.mutate();
            }}
          >
            <Stack>
              <NewPasswordFields fields={next.fields} />
              <ErrorAlert error={save.error} title={t('auth.resetFailed')} />
              {save.error instanceof ApiError && save.error.code === 'RESET_TOKEN_INVALID' && (
                <Text size="sm">{askAgain}</Text>
              )}
              <Button type="submit" loading={save.isPending} disabled={!next.ready}>
                {t('auth.resetSave')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
