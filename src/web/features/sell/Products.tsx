import { Anchor, Badge, Skeleton, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { won } from '../../common/format';
import { label } from '../../common/labels';
import { Pages } from '../../common/Pages';

const PAGE_SIZE = 20;

/** The organization's products, listed or not. */
export function Products({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['seller-products', organizationId, page],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/products', {
          params: { path: { id: organizationId }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton h={120} />;
  if (list.data.total === 0) return <Text>{t('sell.noProducts')}</Text>;
  return (
    <Stack>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('purchases.product')}</Table.Th>
            <Table.Th>{t('purchases.status')}</Table.Th>
            <Table.Th ta="right">{t('checkout.price')}</Table.Th>
            <Table.Th>{t('product.version')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/sell/products/${p.id}`}>
                  {p.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={p.status === 'LISTED' ? 'teal' : 'gray'}>
                  {label(t, 'productStatus', p.status)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{won(p.priceKrw)}</Table.Td>
              <Table.Td>v{p.version}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pages total={list.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}
