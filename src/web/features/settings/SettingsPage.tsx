import { Skeleton, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTabs, useUrlParams } from '../../common/PageTabs';
import { OrganizationSelect } from '../../common/inputs';
import { useMe } from '../../common/me';
import { session } from '../../common/session';
import { AccountSettings } from './AccountSettings';
import { NotificationSettings } from './NotificationSettings';
import { PasswordSettings } from './PasswordSettings';
import { Webhooks } from './Webhooks';

/**
 * A person's settings: how they hear of things, their password, for an organization's admins its
 * webhooks, and leaving the exchange.
 */
export function Component() {
  const { t } = useTranslation();
  const { me, signedIn } = useMe();
  const { params, set } = useUrlParams();
  if (!signedIn)
    return (
      <Navigate to={session.reason === 'withdrawn' ? '/' : '/signin?next=/settings'} replace />
    );
  if (!me) return <Skeleton h={300} />;
  const admin = me.memberships.filter((m) => m.role === 'admin');
  const tabs = admin.length
    ? ['notifications', 'password', 'webhooks', 'account']
    : ['notifications', 'password', 'account'];
  const tab = tabs.find((x) => x === params.get('tab')) ?? 'notifications';
  const org =
    admin.find((m) => m.organizationId === params.get('org'))?.organizationId ??
    admin[0]?.organizationId;
  return (
    <Stack>
      <Title order={1}>{t('settings.title')}</Title>
      <PageTabs tabs={tabs} value={tab} labels="settings.tabs" onChange={(v) => set('tab', v)}>
        <Tabs.Panel value="notifications" pt="md">
          <NotificationSettings />
        </Tabs.Panel>
        <Tabs.Panel value="password" pt="md">
          <PasswordSettings />
        </Tabs.Panel>
        <Tabs.Panel value="account" pt="md">
          <AccountSettings />
        </Tabs.Panel>
        {org && (
          <Tabs.Panel value="webhooks" pt="md">
            <Stack>
              {admin.length > 1 && (
                <OrganizationSelect
                  w={320}
                  label={t('checkout.organization')}
                  memberships={admin}
                  value={org}
                  onChange={(id) => set('org', id)}
                />
              )}
              <Webhooks organizationId={org} />
            </Stack>
          </Tabs.Panel>
        )}
      </PageTabs>
    </Stack>
  );
}
