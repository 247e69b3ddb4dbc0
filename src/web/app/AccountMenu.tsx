import { Menu, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../common/api';
import { session } from '../common/session';

/** The signed-in reader's name, opening their purchases, settings and sign-out. */
export default function AccountMenu({ name, email }: { name?: string; email?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();

  async function signOut() {
    const refreshToken = session.tokens?.refreshToken;
    if (refreshToken) await api.POST('/api/auth/logout', { body: { refreshToken } });
    session.signOut('signedOut');
    queries.clear();
    void navigate('/signin');
  }

  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.account')}>
          <Text size="sm" fw={500}>
            {name ?? '…'}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{email}</Menu.Label>
        <Menu.Item component={Link} to="/purchases">
          {t('nav.purchases')}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings">
          {t('nav.settings')}
        </Menu.Item>
        <Menu.Item onClick={() => void signOut()}>{t('nav.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
