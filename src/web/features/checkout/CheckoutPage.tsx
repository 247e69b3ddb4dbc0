import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ApiError, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { percent, seoulDate, seoulDateTime, won } from '../../common/format';
import { OrganizationSelect } from '../../common/inputs';
import { buyingMemberships, useMe } from '../../common/me';
import { CardStep } from './CardStep';

type Order = components['schemas']['OrderView'];
const NO_VOUCHER = 'none';

/**
 * Checkout: choose who buys and with which voucher, read the quote, confirm, and pay the own
 * share by card. A declined card can be retried; a changed price is explained and re-quoted.
 */
export function Component() {
  const { productId } = useParams();
  const { t } = useTranslation();
  const { me, signedIn } = useMe();
  const [order, setOrder] = useState<Order | null>(null);
  const product = useQuery({
    queryKey: ['product', productId],
    queryFn: () => ok(api.GET('/api/products/{id}', { params: { path: { id: productId! } } })),
  });
  if (!signedIn) return <Navigate to={`/signin?next=/checkout/${productId}`} replace />;
  if (product.error) return <ErrorAlert error={product.error} />;
  if (!product.data || !me) return <Skeleton h={300} />;
  if (me.memberships.length === 0)
    return (
      <Alert color="yellow" title={t('checkout.noOrganization')}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('checkout.noOrganizationBody')}</Text>
          {!me.platformRoles.includes('operator') && (
            <Button component={Link} to="/sell" size="xs">
              {t('sell.createTitle')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  // The seller's own organizations are not offered; with none left, the page says why.
  const buyers = buyingMemberships(me, product.data.organizationId);
  if (buyers.length === 0)
    return (
      <Alert color="yellow" title={t('checkout.ownProduct')}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('checkout.ownProductBody')}</Text>
          <Button component={Link} to={`/products/${product.data.id}`} size="xs" variant="light">
            {product.data.title}
          </Button>
        </Stack>
      </Alert>
    );
  return (
    <Stack maw={720} mx="auto">
      <Title order={1}>{t('checkout.title')}</Title>
      <Text>
        <Anchor component={Link} to={`/products/${product.data.id}`}>
          {product.data.title}
        </Anchor>{' '}
        · {won(product.data.priceKrw)}
      </Text>
      {order ? (
        <PayStep order={order} onCancelled={() => setOrder(null)} />
      ) : (
        <ChooseStep product={product.data} memberships={buyers} onOrdered={setOrder} />
      )}
    </Stack>
  );
}

function ChooseStep({
  product,
  memberships,
  onOrdered,
}: {
  product: components['schemas']['ProductView'];
  memberships: components['schemas']['MembershipView'][];
  onOrdered: (order: Order) => void;
}) {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const [organizationId, setOrganizationId] = useState(memberships[0].organizationId);
  const [choice, setChoice] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [notice, setNotice] = useState<string | null>(null);
  const vouchers = useQuery({
    queryKey: ['vouchers', organizationId],
    queryFn: () =>
      ok(api.GET('/api/vouchers', { params: { query: { organizationId, pageSize: 50 } } })),
  });
  const usable = (vouchers.data?.items ?? []).filter(
    (v) => v.status === 'ACTIVE' && v.balanceKrw > 0,
  );
  // The first usable voucher unless the buyer chose otherwise.
  const voucherId = choice ?? usable[0]?.id ?? NO_VOUCHER;
  const quote = useQuery({
    queryKey: ['quote', product.id, organizationId, voucherId],
    queryFn: () =>
      ok(
        api.POST('/api/orders/quote', {
          body: {
            productId: product.id,
            organizationId,
            ...(voucherId !== NO_VOUCHER && { voucherId }),
          },
        }),
      ),
    enabled: vouchers.isSuccess,
    retry: false,
  });
  const place = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/orders', {
          body: {
            productId: product.id,
            organizationId,
            expectedPriceKrw: quote.data!.priceKrw,
            ...(voucherId !== NO_VOUCHER && { voucherId }),
          },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    onSuccess: onOrdered,
    onError: async (error) => {
      setKey(crypto.randomUUID());
      if (!(error instanceof ApiError)) return;
      if (error.code === 'PRICE_CHANGED') {
        setNotice(error.text(i18n.language));
        await queries.invalidateQueries({ queryKey: ['product', product.id] });
        await quote.refetch();
      }
      if (error.code === 'ORDER_IN_PROGRESS') {
        const orderId = (error.body.details as { orderId?: string } | undefined)?.orderId;
        if (orderId)
          onOrdered(await ok(api.GET('/api/orders/{id}', { params: { path: { id: orderId } } })));
      }
    },
  });
  const q = quote.data;
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <OrganizationSelect
          label={t('checkout.organization')}
          memberships={memberships}
          value={organizationId}
          onChange={(id) => {
            setOrganizationId(id);
            setChoice(null);
          }}
        />
        <Select
          label={t('checkout.voucher')}
          value={voucherId}
          allowDeselect={false}
          onChange={(v) => setChoice(v)}
          data={[
            ...usable.map((v) => ({
              value: v.id,
              label: t('checkout.voucherOption', {
                rate: percent(v.rateBp),
                balance: won(v.balanceKrw),
                until: seoulDate(v.validUntil),
              }),
            })),
            { value: NO_VOUCHER, label: t('checkout.noVoucher') },
          ]}
        />
        {notice && (
          <Alert color="yellow" role="alert" title={t('checkout.priceChanged')}>
            {notice}
          </Alert>
        )}
        <ErrorAlert error={quote.error} />
        {q && (
          <Table aria-label={t('checkout.quote')}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('checkout.price')}</Table.Th>
                <Table.Td ta="right">{won(q.priceKrw)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('checkout.supplyVat')}</Table.Th>
                <Table.Td ta="right">
                  {won(q.supplyKrw)} + {won(q.vatKrw)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>
                  {t('checkout.government')}
                  {q.rateBp !== null && ` (${percent(q.rateBp)})`}
                </Table.Th>
                <Table.Td ta="right" data-testid="quote-voucher">
                  {won(q.voucherKrw)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('checkout.own')}</Table.Th>
                <Table.Td ta="right" fw={700} data-testid="quote-own">
                  {won(q.buyerKrw)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        )}
        {place.error &&
          !(place.error instanceof ApiError && place.error.code === 'PRICE_CHANGED') && (
            <ErrorAlert error={place.error} title={t('checkout.refused')} />
          )}
        {place.error instanceof ApiError && place.error.code === 'ALREADY_ENTITLED' && (
          <Anchor component={Link} to="/purchases?tab=entitlements">
            {t('checkout.toDownloads')}
          </Anchor>
        )}
        <Button
          size="md"
          disabled={!q}
          loading={place.isPending}
          onClick={() => {
            setNotice(null);
            place.mutate();
          }}
        >
          {q && q.buyerKrw === 0 ? t('checkout.confirmFree') : t('checkout.confirm')}
        </Button>
      </Stack>
    </Paper>
  );
}

function PayStep({ order: placed, onCancelled }: { order: Order; onCancelled: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [confirmed, setConfirmed] = useState(placed.status === 'PAID');
  // After the card is confirmed, Stripe's webhook marks the order paid: wait for it.
  const order = useQuery({
    queryKey: ['order', placed.id],
    queryFn: () => ok(api.GET('/api/orders/{id}', { params: { path: { id: placed.id } } })),
    initialData: placed,
    refetchInterval: (q) =>
      confirmed && q.state.data?.status === 'AWAITING_PAYMENT' ? 500 : false,
  });
  const cancel = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/orders/{id}/cancel', { params: { path: { id: placed.id } } })),
    onSuccess: onCancelled,
  });
  const o = order.data;
  if (o.status === 'PAID')
    return (
      <Alert color="green" title={t('checkout.paid')} role="status">
        <Stack gap="xs">
          <Text>
            {t('checkout.paidBody', { own: won(o.buyerKrw), government: won(o.voucherKrw) })}
          </Text>
          <Group>
            <Button
              onClick={() => {
                void queries.invalidateQueries({ queryKey: ['entitlements'] });
                void navigate('/purchases?tab=entitlements');
              }}
            >
              {t('checkout.toDownloads')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  if (o.status !== 'AWAITING_PAYMENT')
    return (
      <Alert color="yellow" title={t(`codes.orderStatus.${o.status}`)}>
        {o.closeReason}
      </Alert>
    );
  const secret = o.payment?.clientSecret ?? placed.payment?.clientSecret;
  const amount = won(o.buyerKrw);
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={2} size="h4">
          {t('checkout.payTitle', { amount })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('checkout.payBy', { until: seoulDateTime(o.expiresAt) })}
        </Text>
        {confirmed ? (
          <Text role="status">{t('checkout.waiting')}</Text>
        ) : (
          <CardStep clientSecret={secret} amount={amount} onPaid={() => setConfirmed(true)} />
        )}
        <ErrorAlert error={cancel.error} />
        {!confirmed && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => cancel.mutate()}
            loading={cancel.isPending}
          >
            {t('checkout.cancel')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
