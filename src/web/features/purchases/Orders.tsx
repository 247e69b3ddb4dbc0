import { Anchor, Badge, Button, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDateTime, won } from '../../common/format';
import { label } from '../../common/labels';
import { Pages } from '../../common/Pages';

type Order = components['schemas']['OrderView'];
const STATUS_COLOR: Record<string, string> = {
  PAID: 'teal.9',
  AWAITING_PAYMENT: 'blue.9',
  REFUNDED: 'gray.7',
  PARTIALLY_REFUNDED: 'gray.7',
};

const PAGE_SIZE = 20;

export function Orders({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const orders = useQuery({
    queryKey: ['orders', organizationId, 'bought', page],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/orders', {
          params: {
            path: { id: organizationId },
            query: { side: 'bought', page, pageSize: PAGE_SIZE },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  if (orders.error) return <ErrorAlert error={orders.error} />;
  if (!orders.data) return <Skeleton h={200} />;
  const bought = orders.data.items;
  if (orders.data.total === 0) return <Text>{t('purchases.noOrders')}</Text>;
  return (
    <Stack>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('purchases.orderedAt')}</Table.Th>
            <Table.Th>{t('purchases.product')}</Table.Th>
            <Table.Th>{t('purchases.status')}</Table.Th>
            <Table.Th ta="right">{t('checkout.price')}</Table.Th>
            <Table.Th ta="right">{t('checkout.own')}</Table.Th>
            <Table.Th>{t('purchases.receipt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bought.map((o) => [
            <Table.Tr key={o.id}>
              <Table.Td>{seoulDateTime(o.createdAt)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/products/${o.productId}`}>
                  {o.productTitle}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[o.status] ?? 'orange.9'}>
                  {label(t, 'orderStatus', o.status)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{won(o.priceKrw)}</Table.Td>
              <Table.Td ta="right">{won(o.buyerKrw)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  aria-expanded={open === o.id}
                  onClick={() => setOpen(open === o.id ? null : o.id)}
                >
                  {t('purchases.showReceipt')}
                </Button>
              </Table.Td>
            </Table.Tr>,
            open === o.id && (
              <Table.Tr key={`${o.id}-receipt`}>
                <Table.Td colSpan={6}>
                  <Receipt order={o} />
                </Table.Td>
              </Table.Tr>
            ),
          ])}
        </Table.Tbody>
      </Table>
      <Pages total={orders.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

/** A receipt: the price as supply value and VAT, and who paid what. */
function Receipt({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  return (
    <Paper p="sm" withBorder aria-label={t('purchases.receipt')}>
      <Table withRowBorders={false} fz="sm">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th>{t('purchases.orderId')}</Table.Th>
            <Table.Td>{o.id}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('purchases.supply')}</Table.Th>
            <Table.Td>{won(o.supplyKrw)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('purchases.vat')}</Table.Th>
            <Table.Td>{won(o.vatKrw)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('checkout.price')}</Table.Th>
            <Table.Td>{won(o.priceKrw)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('checkout.government')}</Table.Th>
            <Table.Td>{won(o.voucherKrw)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('checkout.own')}</Table.Th>
            <Table.Td>{won(o.buyerKrw)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('purchases.paidAt')}</Table.Th>
            <Table.Td>{seoulDateTime(o.paidAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
