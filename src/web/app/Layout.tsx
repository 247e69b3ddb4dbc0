import { AppShell, Anchor, Button, Container, Group, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../common/i18n';
import { Link, NavLink, Outlet } from 'react-router';
import { useMe } from '../common/me';
import { AREAS, offeredTo } from './navigation';

// What only a signed-in reader sees is its own chunk: the catalog's first visitors do not load it.
const AccountMenu = lazy(() => import('./AccountMenu'));
const NotificationBell = lazy(() => import('./NotificationBell'));
const InvitationsBanner = lazy(() => import('./InvitationsBanner'));

/** The frame of every page: the exchange's name, the areas, the language and who is signed in. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, signedIn } = useMe();
  const english = i18n.language.startsWith('en');

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
              {signedIn && (
                <Suspense>
                  <NotificationBell />
                </Suspense>
              )}
              {signedIn ? (
                <Suspense fallback={<Text size="sm">{me?.name ?? '…'}</Text>}>
                  <AccountMenu name={me?.name} email={me?.email} />
                </Suspense>
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
          {signedIn && (
            <Suspense>
              <InvitationsBanner />
            </Suspense>
          )}
          <Suspense>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
