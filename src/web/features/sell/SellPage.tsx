import { Button, Group, Skeleton, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTabs, useUrlParams } from '../../common/PageTabs';
import { OrganizationSelect } from '../../common/inputs';
import { useMe } from '../../common/me';
import { AccessRequests } from '../access/AccessRequests';
import { CreateOrganization } from './CreateOrganization';
import { Datasets } from './Datasets';
import { OrganizationPanel } from './OrganizationPanel';
import { Products } from './Products';
import { Sales } from './Sales';

const TABS = ['organization', 'datasets', 'products', 'access', 'sales'] as const;

/** The seller's desk: the organization, its datasets and uploads, its products, its sales. */
export function Component() {
  const { t } = useTranslation();
  const { me, signedIn } = useMe();
  const { params, set, setParams } = useUrlParams();
  const [creating, setCreating] = useState(false);
  if (!signedIn) return <Navigate to="/signin?next=/sell" replace />;
  if (!me) return <Skeleton h={300} />;
  if (me.memberships.length === 0 || creating)
    return (
      <Stack maw={640} mx="auto">
        <Title order={1}>{t('sell.createTitle')}</Title>
        <CreateOrganization
          onCreated={(id) => {
            setCreating(false);
            setParams({ org: id, tab: 'organization' });
          }}
        />
      </Stack>
    );
  const org =
    me.memberships.find((m) => m.organizationId === params.get('org')) ?? me.memberships[0];
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'datasets';
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('sell.title')}</Title>
        <Group align="flex-end">
          <OrganizationSelect
            w={280}
            label={t('sell.organization')}
            memberships={me.memberships}
            value={org.organizationId}
            onChange={(id) => set('org', id)}
          />
          <Button variant="subtle" onClick={() => setCreating(true)}>
            {t('sell.newOrganization')}
          </Button>
        </Group>
      </Group>
      <PageTabs tabs={TABS} value={tab} labels="sell.tabs" onChange={(v) => set('tab', v)}>
        <Tabs.Panel value="organization" pt="md">
          <OrganizationPanel organizationId={org.organizationId} admin={org.role === 'admin'} />
        </Tabs.Panel>
        <Tabs.Panel value="datasets" pt="md">
          <Datasets organizationId={org.organizationId} />
        </Tabs.Panel>
        <Tabs.Panel value="products" pt="md">
          <Products organizationId={org.organizationId} />
        </Tabs.Panel>
        <Tabs.Panel value="access" pt="md">
          <AccessRequests side="seller" organizationId={org.organizationId} />
        </Tabs.Panel>
        <Tabs.Panel value="sales" pt="md">
          <Sales organizationId={org.organizationId} />
        </Tabs.Panel>
      </PageTabs>
    </Stack>
  );
}
