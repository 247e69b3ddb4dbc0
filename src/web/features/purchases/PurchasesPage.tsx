import { Alert, Skeleton, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { AccessRequests } from '../access/AccessRequests';
import { PageTabs, useUrlParams } from '../../common/PageTabs';
import { OrganizationSelect } from '../../common/inputs';
import { useMe } from '../../common/me';
import { Entitlements } from './Entitlements';
import { Orders } from './Orders';
import { Vouchers } from './Vouchers';

const TABS = ['orders', 'entitlements', 'vouchers', 'access'] as const;

/** What an organization bought: orders and receipts, data it may download, and its vouchers. */
export function Component() {
  const { t } = useTranslation();
  const { me, signedIn } = useMe();
  const { params, set } = useUrlParams();
  if (!signedIn) return <Navigate to="/signin?next=/purchases" replace />;
  if (!me) return <Skeleton h={300} />;
  if (me.memberships.length === 0)
    return (
      <Alert color="yellow" title={t('checkout.noOrganization')}>
        {t('checkout.noOrganizationBody')}
      </Alert>
    );
  const org =
    me.memberships.find((m) => m.organizationId === params.get('org'))?.organizationId ??
    me.memberships[0].organizationId;
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'orders';
  return (
    <Stack>
      <Title order={1}>{t('purchases.title')}</Title>
      {me.memberships.length > 1 && (
        <OrganizationSelect
          w={320}
          label={t('checkout.organization')}
          memberships={me.memberships}
          value={org}
          onChange={(id) => set('org', id)}
        />
      )}
      <PageTabs tabs={TABS} value={tab} labels="purchases.tabs" onChange={(v) => set('tab', v)}>
        <Tabs.Panel value="orders" pt="md">
          <Orders organizationId={org} />
        </Tabs.Panel>
        <Tabs.Panel value="entitlements" pt="md">
          <Entitlements organizationId={org} />
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          <AccessRequests side="buyer" />
        </Tabs.Panel>
        <Tabs.Panel value="vouchers" pt="md">
          <Vouchers organizationId={org} />
        </Tabs.Panel>
      </PageTabs>
    </Stack>
  );
}
