import {
  AppShell,
  Anchor,
  Button,
  Container,
  Group,
  Menu,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../common/i18n';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../common/api';
import { useMe } from '../common/me';
import { session } from '../common/session';
import { InvitationsBanner } from './InvitationsBanner';
import { NotificationBell } from './NotificationBell';
import { AREAS, offeredTo } from './navigation';

/** The frame of every page: the exchange's name, the areas, the language and who is signed in. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, signedIn } = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const english = i18n.language.startsWith('en');

  async function signOut() {
    const refreshToken = session.tokens?.refreshToken;
    if (refreshToken) await api.POST('/api/auth/logout', { body: { refreshToken } });
    session.signOut('signedOut');
    queries.clear();
    void navigate('/signin');
  }

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Container size="xl" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="indigo.8">
                {t('app.name')}
              </Anchor>
              <nav aria-label={t('nav.label')}>
                <Group gap="md" wrap="nowrap">
                  {AREAS.filter((area) => offeredTo(area, me)).map((area) => (
                    <Anchor
                      key={area.path}
                      component={NavLink}
                      to={area.path}
                      end={area.path === '/'}
                    >
                      {t(area.label)}
                    </Anchor>
                  ))}
                </Group>
              </nav>
            </Group>
            <Group gap="sm" wrap="nowrap">
              {/* One click to the other language; a switch that measures itself cost the first paint. */}
              <Button
                variant="subtle"
                size="xs"
                lang={english ? 'ko' : 'en'}
                title={t('nav.language')}
                onClick={() => void switchLanguage(english ? 'ko' : 'en')}
              >
                {english ? '한국어' : 'English'}
              </Button>
              {signedIn && <NotificationBell />}
              {signedIn ? (
                <Menu position="bottom-end">
                  <Menu.Target>
                    <UnstyledButton aria-label={t('nav.account')}>
                      <Text size="sm" fw={500}>
                        {me?.name ?? '…'}
                      </Text>
                    </UnstyledButton>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Label>{me?.email}</Menu.Label>
                    <Menu.Item component={Link} to="/purchases">
                      {t('nav.purchases')}
                    </Menu.Item>
                    <Menu.Item component={Link} to="/settings">
                      {t('nav.settings')}
                    </Menu.Item>
                    <Menu.Item onClick={() => void signOut()}>{t('nav.signOut')}</Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              ) : (
                <Group gap="xs" wrap="nowrap">
                  <Button variant="subtle" component={Link} to="/signin">
                    {t('nav.signIn')}
                  </Button>
                  <Button component={Link} to="/signup">
                    {t('nav.signUp')}
                  </Button>
                </Group>
              )}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl">
          <InvitationsBanner />
          <Suspense>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
