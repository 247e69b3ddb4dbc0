import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { percent, won } from '../../common/format';
import { buyingMemberships, useMe } from '../../common/me';

type Product = components['schemas']['ProductView'];

/** For a buyer holding a voucher: what the government pays and what they pay, in plain words. */
export function VoucherSplit({ product }: { product: Product }) {
  const { t } = useTranslation();
  const vouchers = useQuery({
    queryKey: ['vouchers'],
    queryFn: () => ok(api.GET('/api/vouchers', { params: { query: { pageSize: 50 } } })),
  });
  // One of the reader's own organizations' that may buy it (an operator lists everyone's vouchers).
  const { me } = useMe();
  const own = new Set(buyingMemberships(me, product.organizationId).map((m) => m.organizationId));
  const voucher = vouchers.data?.items.find(
    (v) => own.has(v.organizationId) && v.status === 'ACTIVE' && v.balanceKrw > 0,
  );
  const quote = useQuery({
    queryKey: ['quote', product.id, voucher?.id, product.priceKrw],
    queryFn: () =>
      ok(
        api.POST('/api/orders/quote', { body: { productId: product.id, voucherId: voucher!.id } }),
      ),
    enabled: Boolean(voucher) && product.status === 'LISTED',
    retry: false,
  });
  if (!voucher) return null;
  if (!quote.data) return null;
  const q = quote.data;
  return (
    <Alert color="teal" variant="light" title={t('product.withVoucher')}>
      <Stack gap={2}>
        <Text fw={600} data-testid="voucher-split">
          {t('product.split', {
            rate: percent(q.rateBp),
            government: won(q.voucherKrw),
            own: won(q.buyerKrw),
          })}
        </Text>
        <Text size="xs">{t('product.voucherBalance', { balance: won(q.voucherBalanceKrw) })}</Text>
      </Stack>
    </Alert>
  );
}
