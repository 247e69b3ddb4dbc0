import {
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { Pages, useExistingPage } from '../../common/Pages';
import { seoulDate, won } from '../../common/format';
import { PriceInput } from '../../common/inputs';
import { label } from '../../common/labels';
import { ReasonDialog } from '../../common/ReasonDialog';

type Owed = components['schemas']['OwedSellerView'];
type Order = components['schemas']['OperatorOrderView'];
type Status = NonNullable<Order['status']>;
const STATUSES: Status[] = ['PAID', 'AWAITING_PAYMENT', 'REFUNDED', 'CANCELLED', 'FAILED'];
const PAGE_SIZE = 20;

/** Money at the desk: what sellers are owed and the payouts against it, and orders to refund. */
export function Money() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <Stack component="section" aria-labelledby="owed-title">
        <Title order={2} size="h3" id="owed-title">
          {t('desk.money.owedTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('desk.money.owedHint')}
        </Text>
        <Sellers />
      </Stack>
      <Stack component="section" aria-labelledby="orders-title">
        <Title order={2} size="h3" id="orders-title">
          {t('desk.money.ordersTitle')}
        </Title>
        <Orders />
      </Stack>
    </Stack>
  );
}

function Sellers() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const owed = useQuery({
    queryKey: ['payouts-owed', page],
    queryFn: () =>
      ok(api.GET('/api/payouts/owed', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  useExistingPage(page, setPage, owed.data?.total, PAGE_SIZE);
  if (owed.error) return <ErrorAlert error={owed.error} />;
  if (!owed.data) return <Skeleton h={120} />;
  if (owed.data.total === 0) return <Text>{t('desk.money.noneOwed')}</Text>;
  return (
    <Stack>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('desk.money.seller')}</Table.Th>
            <Table.Th ta="right">{t('desk.money.owed')}</Table.Th>
            <Table.Th ta="right">{t('desk.money.paidOut')}</Table.Th>
            <Table.Th>{t('desk.pool.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {owed.data.items.map((s) => (
            <Seller key={s.organizationId} s={s} />
          ))}
        </Table.Tbody>
      </Table>
      <Pages total={owed.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}

/** One seller owed money; the payout is recorded against what is owed, never more. */
function Seller({ s }: { s: Owed }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [paying, setPaying] = useState(false);
  const [amount, setAmount] = useState<number | ''>(s.owedKrw);
  const [reference, setReference] = useState('');
  const over = amount !== '' && amount > s.owedKrw;
  const pay = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/organizations/{id}/payouts', {
          params: { path: { id: s.organizationId } },
          body: { amountKrw: Number(amount), reference: reference.trim() },
        }),
      ),
    onSuccess: () => {
      setPaying(false);
      void queries.invalidateQueries({ queryKey: ['payouts-owed'] });
      void queries.invalidateQueries({ queryKey: ['desk'] });
    },
  });
  return (
    <Table.Tr>
      <Table.Td>{s.organizationName}</Table.Td>
      <Table.Td ta="right">{won(s.owedKrw)}</Table.Td>
      <Table.Td ta="right">{won(s.paidOutKrw)}</Table.Td>
      <Table.Td>
        {!paying ? (
          <Button size="xs" variant="light" onClick={() => setPaying(true)}>
            {t('desk.money.recordPayout')}
          </Button>
        ) : (
          <form
            aria-label={t('desk.money.payoutOf', { name: s.organizationName })}
            onSubmit={(e) => {
              e.preventDefault();
              if (!over && amount !== '' && reference.trim()) pay.mutate();
            }}
          >
            <Stack gap="xs">
              <Group align="flex-start" gap="xs">
                <PriceInput
                  size="xs"
                  label={t('desk.money.amount')}
                  value={amount}
                  onChange={(v) => setAmount(typeof v === 'number' ? v : '')}
                  error={over ? t('desk.money.overOwed', { owed: won(s.owedKrw) }) : undefined}
                />
                <TextInput
                  size="xs"
                  label={t('desk.money.reference')}
                  placeholder={t('desk.money.referenceHint')}
                  value={reference}
                  onChange={(e) => setReference(e.currentTarget.value)}
                />
              </Group>
              <ErrorAlert error={pay.error} />
              <Group gap="xs">
                <Button
                  size="xs"
                  type="submit"
                  loading={pay.isPending}
                  disabled={over || amount === '' || !reference.trim()}
                >
                  {t('desk.money.recordPayout')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setPaying(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function Orders() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('PAID');
  const [page, setPage] = useState(1);
  const [refunding, setRefunding] = useState<Order | null>(null);
  const queries = useQueryClient();
  const orders = useQuery({
    queryKey: ['desk-orders', status, page],
    queryFn: () =>
      ok(api.GET('/api/orders', { params: { query: { status, page, pageSize: PAGE_SIZE } } })),
  });
  const refund = useMutation({
    mutationFn: (reason: string) =>
      ok(
        api.POST('/api/orders/{id}/refund', {
          params: { path: { id: refunding!.id } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      setRefunding(null);
      void queries.invalidateQueries({ queryKey: ['desk-orders'] });
      void queries.invalidateQueries({ queryKey: ['payouts-owed'] });
    },
  });
  return (
    <Stack>
      <Select
        w={220}
        label={t('desk.money.status')}
        allowDeselect={false}
        value={status}
        onChange={(v) => {
          setStatus(v as Status);
          setPage(1);
        }}
        data={STATUSES.map((s) => ({ value: s, label: label(t, 'orderStatus', s) }))}
      />
      <ErrorAlert error={orders.error} />
      {!orders.data ? (
        <Skeleton h={160} />
      ) : orders.data.items.length === 0 ? (
        <Text>{t('desk.money.noOrders')}</Text>
      ) : (
        <>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('desk.money.date')}</Table.Th>
                <Table.Th>{t('desk.money.product')}</Table.Th>
                <Table.Th>{t('desk.money.buyer')}</Table.Th>
                <Table.Th>{t('desk.money.seller')}</Table.Th>
                <Table.Th ta="right">{t('desk.money.voucher')}</Table.Th>
                <Table.Th ta="right">{t('desk.money.own')}</Table.Th>
                <Table.Th>{t('desk.money.status')}</Table.Th>
                <Table.Th>{t('desk.pool.action')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orders.data.items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{seoulDate(o.paidAt ?? o.createdAt)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/products/${o.productId}`} size="sm">
                      {o.productTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{o.buyerName}</Table.Td>
                  <Table.Td>{o.sellerName}</Table.Td>
                  <Table.Td ta="right">{won(o.voucherKrw)}</Table.Td>
                  <Table.Td ta="right">{won(o.buyerKrw)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={o.status === 'PAID' ? 'teal' : 'gray'}>
                      {label(t, 'orderStatus', o.status)}
                    </Badge>
                    {o.closeReason && (
                      <Text size="xs" c="dimmed">
                        {o.closeReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {o.status === 'PAID' && (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        onClick={() => {
                          refund.reset();
                          setRefunding(o);
                        }}
                      >
                        {t('desk.money.refund')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pages total={orders.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
        </>
      )}
      <ReasonDialog
        key={refunding?.id}
        opened={!!refunding}
        onClose={() => setRefunding(null)}
        title={t('desk.money.refundOf', { title: refunding?.productTitle ?? '' })}
        reasonLabel={t('desk.money.refundReason')}
        action={t('desk.money.refund')}
        mutation={refund}
      >
        {refunding &&
          t(refunding.buyerKrw ? 'desk.money.refundHint' : 'desk.money.refundHintVoucherOnly', {
            own: won(refunding.buyerKrw),
            voucher: won(refunding.voucherKrw),
            buyer: refunding.buyerName,
          })}
      </ReasonDialog>
    </Stack>
  );
}
