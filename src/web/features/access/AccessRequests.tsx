import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, seoulDateTime } from '../../common/format';
import { label } from '../../common/labels';
import { Pages, useExistingPage } from '../../common/Pages';
import { ReasonDialog } from '../../common/ReasonDialog';

type Request = components['schemas']['AccessRequestView'];
type Side = 'buyer' | 'seller' | 'operator';
const PAGE_SIZE = 20;

export const ACCESS_STATUS_COLOR: Record<string, string> = {
  PENDING: 'blue.9',
  ESCALATED: 'grape.9',
  APPROVED: 'teal.9',
  REFUSED: 'red.9',
  EXPIRED: 'gray.7',
};

/**
 * Access requests from one side: the buyer's own (read only), the seller's to answer, or the
 * operators' escalated ones to decide in the seller's place. `organizationId` narrows a
 * seller's or buyer's list to one of their organizations.
 */
export function AccessRequests({ side, organizationId }: { side: Side; organizationId?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(side === 'operator' ? 'ESCALATED' : 'ALL');
  const [page, setPage] = useState(1);
  const requests = useQuery({
    queryKey: ['access-requests', side, organizationId, status, page],
    queryFn: () =>
      ok(
        api.GET('/api/access-requests', {
          params: {
            query: {
              side,
              page,
              pageSize: PAGE_SIZE,
              ...(organizationId && { organizationId }),
              ...(status !== 'ALL' && { status: status as Request['status'] }),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  useExistingPage(page, setPage, requests.data?.total, PAGE_SIZE);
  const items = requests.data?.items ?? [];
  const decides = side !== 'buyer';
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t(`access.${side}Hint`)}
      </Text>
      <SegmentedControl
        w="fit-content"
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        aria-label={t('access.statusFilter')}
        data={['ALL', 'PENDING', 'ESCALATED', 'APPROVED', 'REFUSED'].map((s) => ({
          value: s,
          label: s === 'ALL' ? t('access.all') : label(t, 'accessStatus', s),
        }))}
      />
      <ErrorAlert error={requests.error} />
      {requests.data && requests.data.total === 0 ? (
        <Text>{t('access.none')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('access.requestedAt')}</Table.Th>
              <Table.Th>{t('purchases.product')}</Table.Th>
              <Table.Th>{side === 'buyer' ? t('catalog.seller') : t('access.buyer')}</Table.Th>
              <Table.Th>{t('access.intendedUse')}</Table.Th>
              <Table.Th>{t('purchases.status')}</Table.Th>
              {decides && <Table.Th>{t('access.answer')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id} data-testid="access-request">
                <Table.Td>{seoulDateTime(r.createdAt)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/products/${r.productId}`}>
                    {r.productTitle}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {side === 'buyer' ? (
                    r.sellerName
                  ) : (
                    <Stack gap={0}>
                      <Text size="sm">{r.buyerName}</Text>
                      <Text size="xs" c="dimmed">
                        {label(t, 'category', r.buyerCategory)} · KSIC {r.buyerIndustryCode}
                      </Text>
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td maw={360}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {r.intendedUse}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <AccessStatus request={r} />
                </Table.Td>
                {decides && (
                  <Table.Td>
                    <Decide request={r} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {requests.data && (
        <Pages total={requests.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
      )}
    </Stack>
  );
}

/** A request's state in words: its deadline, its answer and what follows from it. */
export function AccessStatus({ request: r }: { request: Request }) {
  const { t } = useTranslation();
  const detail =
    r.status === 'PENDING'
      ? t('access.dueOn', { date: r.dueOn })
      : r.status === 'ESCALATED'
        ? t('access.escalatedSince', { date: r.dueOn })
        : r.status === 'APPROVED'
          ? t('access.approvedUntil', { date: seoulDate(r.accessUntil) })
          : r.status === 'REFUSED'
            ? t('access.refusedBecause', {
                reason: r.reason,
                date: seoulDate(r.askAgainFrom),
              })
            : t('access.lapsed');
  return (
    <Stack gap={2}>
      <Group gap={4}>
        <Badge color={ACCESS_STATUS_COLOR[r.status]}>{label(t, 'accessStatus', r.status)}</Badge>
        {r.decidedAs === 'OPERATOR' && (
          <Badge variant="outline" color="gray.7">
            {t('access.byOperator')}
          </Badge>
        )}
      </Group>
      <Text size="xs">{detail}</Text>
    </Stack>
  );
}

/** Approve, or refuse with a reason the buyer reads. */
function Decide({ request: r }: { request: Request }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const done = () => {
    setRefusing(false);
    void queries.invalidateQueries({ queryKey: ['access-requests'] });
  };
  const path = { params: { path: { id: r.id } } };
  const approve = useMutation({
    mutationFn: () => ok(api.POST('/api/access-requests/{id}/approve', path)),
    onSuccess: done,
  });
  const refuse = useMutation({
    mutationFn: (reason: string) =>
      ok(api.POST('/api/access-requests/{id}/refuse', { ...path, body: { reason } })),
    onSuccess: done,
  });
  if (r.status !== 'PENDING' && r.status !== 'ESCALATED') return <Text size="sm">—</Text>;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Button
          size="xs"
          loading={approve.isPending}
          onClick={() => approve.mutate()}
          aria-label={`${t('access.approve')}: ${r.buyerName}`}
        >
          {t('access.approve')}
        </Button>
        <Button
          size="xs"
          variant="light"
          color="red"
          onClick={() => setRefusing(true)}
          aria-label={`${t('access.refuse')}: ${r.buyerName}`}
        >
          {t('access.refuse')}
        </Button>
      </Group>
      <ErrorAlert error={approve.error} />
      <ReasonDialog
        opened={refusing}
        onClose={() => setRefusing(false)}
        title={t('access.refuseTitle', { buyer: r.buyerName })}
        reasonLabel={t('access.refuseReason')}
        action={t('access.refuse')}
        mutation={refuse}
      >
        {t('access.refuseHint')}
      </ReasonDialog>
    </Stack>
  );
}
