import { Anchor, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDateTime, won } from '../../common/format';
import { label } from '../../common/labels';
import { Pages } from '../../common/Pages';

const PAGE_SIZE = 20;

/** What the organization sold, and what the exchange owes it or has paid out. */
export function Sales({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const path = { params: { path: { id: organizationId } } };
  const [page, setPage] = useState(1);
  const orders = useQuery({
    queryKey: ['orders', organizationId, 'sold', page],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/orders', {
          ...path,
          params: { ...path.params, query: { side: 'sold', page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const payouts = useQuery({
    queryKey: ['payouts', organizationId],
    queryFn: () => ok(api.GET('/api/organizations/{id}/payouts', path)),
  });
  const sold = orders.data?.items ?? [];
  return (
    <Stack>
      <ErrorAlert error={orders.error ?? payouts.error} />
      {payouts.data ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <Text size="xs" c="dimmed">
              {t('sell.owed')}
            </Text>
            <Text fw={700} fz="xl" data-testid="owed">
              {won(payouts.data.owedKrw)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('sell.paidOut')}
            </Text>
            <Text fw={700} fz="xl">
              {won(payouts.data.paidOutKrw)}
            </Text>
          </div>
        </SimpleGrid>
      ) : (
        <Skeleton h={60} />
      )}
      <Title order={2} size="h4">
        {t('sell.sold')}
      </Title>
      {!orders.data ? (
        <Skeleton h={120} />
      ) : orders.data.total === 0 ? (
        <Text>{t('sell.noSales')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('purchases.orderedAt')}</Table.Th>
              <Table.Th>{t('purchases.product')}</Table.Th>
              <Table.Th>{t('purchases.status')}</Table.Th>
              <Table.Th ta="right">{t('checkout.price')}</Table.Th>
              <Table.Th ta="right">{t('checkout.government')}</Table.Th>
              <Table.Th ta="right">{t('sell.buyerPaid')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sold.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>{seoulDateTime(o.createdAt)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/sell/products/${o.productId}`}>
                    {o.productTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td>{label(t, 'orderStatus', o.status)}</Table.Td>
                <Table.Td ta="right">{won(o.priceKrw)}</Table.Td>
                <Table.Td ta="right">{won(o.voucherKrw)}</Table.Td>
                <Table.Td ta="right">{won(o.buyerKrw)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {orders.data && (
        <Pages total={orders.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
      )}
      {payouts.data && payouts.data.payouts.length > 0 && (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('purchases.when')}</Table.Th>
              <Table.Th>{t('sell.payoutReference')}</Table.Th>
              <Table.Th ta="right">{t('purchases.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payouts.data.payouts.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{seoulDateTime(p.at)}</Table.Td>
                <Table.Td>{p.reference}</Table.Td>
                <Table.Td ta="right">{won(p.amountKrw)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed">
        {label(t, 'orderStatus', 'PAID')}: {t('sell.owedHint')}
      </Text>
    </Stack>
  );
}
