import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { bytes, seoulDate } from '../../common/format';
import { Pages } from '../../common/Pages';

type Entitlement = components['schemas']['EntitlementView'];

const PAGE_SIZE = 20;

export function Entitlements({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['entitlements', organizationId, page],
    queryFn: () =>
      ok(
        api.GET('/api/entitlements', {
          params: { query: { organizationId, page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton h={200} />;
  if (list.data.total === 0) return <Text>{t('purchases.noEntitlements')}</Text>;
  return (
    <Stack>
      {list.data.items.map((e) => (
        <EntitlementCard key={e.id} entitlement={e} organizationId={organizationId} />
      ))}
      <Pages total={list.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

function EntitlementCard({
  entitlement: e,
  organizationId,
}: {
  entitlement: Entitlement;
  organizationId: string;
}) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: () =>
      ok(
        api.GET('/api/products/{id}/download', {
          params: { path: { id: e.productId }, query: { organizationId } },
        }),
      ),
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={e.title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Anchor component={Link} to={`/products/${e.productId}`} fw={600}>
            {e.title}
          </Anchor>
          <Group gap="xs">
            <Badge variant="outline" color="gray.7">
              {e.license}
            </Badge>
            {e.latestVersion > e.versionBought && (
              <Badge color="teal.9">
                {t('purchases.newVersion', { version: e.latestVersion })}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('purchases.validUntil', { date: seoulDate(e.validUntil) })} ·{' '}
          {t('purchases.versionBought', { version: e.versionBought })}
        </Text>
        <Group>
          <Button size="xs" onClick={() => download.mutate()} loading={download.isPending}>
            {t('purchases.getFiles')}
          </Button>
        </Group>
        <ErrorAlert error={download.error} />
        {download.data && (
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('purchases.file')}</Table.Th>
                <Table.Th>{t('purchases.size')}</Table.Th>
                <Table.Th>SHA-256</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {download.data.files.map((f) => (
                <Table.Tr key={f.name}>
                  <Table.Td>
                    <Anchor href={f.url} download={f.name}>
                      {f.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{bytes(f.sizeBytes)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Code data-testid="sha256">{f.sha256}</Code>
                      <CopyButton value={f.sha256}>
                        {({ copied, copy }) => (
                          <Tooltip label={copied ? t('purchases.copied') : t('purchases.copy')}>
                            <ActionIcon
                              variant="subtle"
                              onClick={copy}
                              aria-label={t('purchases.copySha', { name: f.name })}
                            >
                              {copied ? '✓' : '⧉'}
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </CopyButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {download.data && (
          <Text size="xs" c="dimmed">
            {t('purchases.linkExpires', {
              minutes: Math.round(download.data.expiresInSeconds / 60),
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
