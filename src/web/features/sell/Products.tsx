import { Anchor, Badge, Skeleton, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { won } from '../../common/format';
import { label } from '../../common/labels';

/** The organization's products, listed or not. */
export function Products({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['seller-products', organizationId],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/products', {
          params: { path: { id: organizationId }, query: { pageSize: 100 } },
        }),
      ),
  });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Skeleton h={120} />;
  if (list.data.items.length === 0) return <Text>{t('sell.noProducts')}</Text>;
  return (
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
  );
}
