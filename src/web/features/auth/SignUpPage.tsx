import { Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { session } from '../../common/session';
import { PasswordField } from './PasswordFields';
import { nextPath } from './SignInPage';

export function Component() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const tooShort = form.password.length > 0 && form.password.length < 10;
  const signup = useMutation({
    mutationFn: async () => {
      await ok(api.POST('/api/auth/signup', { body: form }));
      return ok(
        api.POST('/api/auth/login', { body: { email: form.email, password: form.password } }),
      );
    },
    onSuccess: (tokens) => {
      session.signIn({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
      queries.clear();
      void navigate(nextPath(params), { replace: true });
    },
  });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  return (
    <Stack maw={420} mx="auto" mt="xl">
      <Title order={1}>{t('auth.signUpTitle')}</Title>
      <Paper withBorder p="lg" radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!tooShort) signup.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('auth.name')}
              autoComplete="name"
              required
              value={form.name}
              onChange={set('name')}
            />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              required
              value={form.email}
              onChange={set('email')}
            />
            <PasswordField
              label={t('auth.password')}
              description={t('auth.passwordRule')}
              autoComplete="new-password"
              value={form.password}
              onChange={set('password')}
              error={tooShort ? t('auth.passwordTooShort') : undefined}
            />
            <ErrorAlert error={signup.error} title={t('auth.signUpFailed')} />
            <Button type="submit" loading={signup.isPending}>
              {t('auth.signUp')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm">
        {t('auth.haveAccount')}{' '}
        <Anchor component={Link} to="/signin">
          {t('auth.signIn')}
        </Anchor>
      </Text>
    </Stack>
  );
}
