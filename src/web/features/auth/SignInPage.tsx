import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { session } from '../../common/session';
import { PasswordField } from './PasswordFields';

/** Where to go after signing in: a path of this app only, never another site. */
export function nextPath(params: URLSearchParams): string {
  const next = params.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function Component() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const reason = session.reason ?? params.get('reason');
  const login = useMutation({
    mutationFn: () => ok(api.POST('/api/auth/login', { body: { email, password } })),
    onSuccess: (tokens) => {
      session.signIn({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
      queries.clear();
      void navigate(nextPath(params), { replace: true });
    },
  });

  return (
    <Stack maw={420} mx="auto" mt="xl">
      <Title order={1}>{t('auth.signInTitle')}</Title>
      {reason === 'expired' && (
        <Alert color="yellow" role="status">
          {t('auth.expired')}
        </Alert>
      )}
      {reason === 'theft' && (
        <Alert color="red" role="alert">
          {t('auth.theft')}
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            login.mutate();
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
            <PasswordField
              label={t('auth.password')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Anchor component={Link} to="/forgot-password" size="sm" mt={-8}>
              {t('auth.forgot')}
            </Anchor>
            <ErrorAlert error={login.error} title={t('auth.signInFailed')} />
            <Button type="submit" loading={login.isPending}>
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm">
        {t('auth.noAccount')}{' '}
        <Anchor
          component={Link}
          to={`/signup${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}
        >
          {t('auth.signUp')}
        </Anchor>
      </Text>
    </Stack>
  );
}
