import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { percent, seoulDate, seoulDateTime, won } from '../../common/format';
import { label } from '../../common/labels';

export function Vouchers({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['vouchers', organizationId],
    queryFn: () =>
      ok(api.GET('/api/vouchers', { params: { query: { organizationId, pageSize: 50 } } })),
  });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton h={200} />;
  if (list.data.items.length === 0) return <Text>{t('purchases.noVouchers')}</Text>;
  return (
    <Stack>
      {list.data.items.map((v) => (
        <Paper
          key={v.id}
          withBorder
          p="md"
          radius="md"
          component="section"
          aria-label={t('purchases.voucher')}
        >
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={3} size="h5">
                {t('purchases.voucherTitle', { rate: percent(v.rateBp), limit: won(v.limitKrw) })}
              </Title>
              <Badge color={v.status === 'ACTIVE' ? 'teal.9' : 'gray.7'}>
                {label(t, 'voucherStatus', v.status)}
              </Badge>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Figure name={t('purchases.limit')} value={won(v.limitKrw)} />
              <Figure name={t('purchases.reserved')} value={won(v.reservedKrw)} />
              <Figure name={t('purchases.spent')} value={won(v.spentKrw)} />
              <Figure name={t('purchases.balance')} value={won(v.balanceKrw)} />
            </SimpleGrid>
            <Progress.Root size="lg">
              <Progress.Section
                value={(v.spentKrw * 100) / v.limitKrw}
                color="indigo"
                aria-label={t('purchases.spent')}
              />
              <Progress.Section
                value={(v.reservedKrw * 100) / v.limitKrw}
                color="yellow"
                aria-label={t('purchases.reserved')}
              />
            </Progress.Root>
            <Text size="sm" c="dimmed">
              {t('purchases.validity', {
                from: seoulDate(v.validFrom),
                until: seoulDate(v.validUntil),
              })}
            </Text>
            <Group>
              <Button
                size="xs"
                variant="subtle"
                aria-expanded={open === v.id}
                onClick={() => setOpen(open === v.id ? null : v.id)}
              >
                {t('purchases.movements')}
              </Button>
            </Group>
            {open === v.id && <Movements voucherId={v.id} />}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function Figure({ name, value }: { name: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {name}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function Movements({ voucherId }: { voucherId: string }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: ['voucher', voucherId],
    queryFn: () => ok(api.GET('/api/vouchers/{id}', { params: { path: { id: voucherId } } })),
  });
  if (detail.error) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Skeleton h={100} />;
  return (
    <Table fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('purchases.when')}</Table.Th>
          <Table.Th>{t('purchases.movement')}</Table.Th>
          <Table.Th ta="right">{t('purchases.amount')}</Table.Th>
          <Table.Th>{t('purchases.memo')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {detail.data.movements.map((m, i) => (
          <Table.Tr key={i}>
            <Table.Td>{seoulDateTime(m.at)}</Table.Td>
            <Table.Td>{label(t, 'voucherMovement', m.kind)}</Table.Td>
            <Table.Td ta="right">{won(m.amountKrw)}</Table.Td>
            <Table.Td>{m.memo}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
