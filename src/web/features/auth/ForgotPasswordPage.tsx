import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';

/** "Forgot my password": the address to mail a reset link to. The answer never says whether an account has it. */
export function Component() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const ask = useMutation({
    mutationFn: (address: string) =>
      ok(api.POST('/api/auth/password-reset', { body: { email: address } })),
  });
  return (
    <Stack maw={420} mx="auto" mt="xl">
      <Title order={1}>{t('auth.forgotTitle')}</Title>
      <Text>{t('auth.forgotIntro')}</Text>
      {ask.isSuccess ? (
        <Alert color="green" role="status" title={t('auth.forgotSentTitle')}>
          {t('auth.forgotSent', { email: ask.variables })}
        </Alert>
      ) : (
        <Paper withBorder p="lg" radius="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              ask.mutate(email.trim());
            }}
          >
            <Stack>
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <ErrorAlert error={ask.error} title={t('auth.forgotFailed')} />
              <Button type="submit" loading={ask.isPending}>
                {t('auth.forgotSend')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
      <Text size="sm">
        <Anchor component={Link} to="/signin">
          {t('auth.backToSignIn')}
        </Anchor>
      </Text>
    </Stack>
  );
}
