import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { FormButtons } from '../../common/FormButtons';
import { percent, seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';
import { Pages, useExistingPage } from '../../common/Pages';
import {
  ORGANIZATION_CATEGORIES,
  type OrganizationCategory,
} from '../../../modules/organizations/rules';
import { defaultTerms, moneyTermsFor } from '../../../modules/programs/rules';

type Organization = components['schemas']['OrganizationSummaryView'];
const KINDS = ['PROCESSING_SUPPORT', 'PURCHASE_SUPPORT'] as const;
const PAGE_SIZE = 20;

/**
 * The verification queue: organizations whose claim to a registration number waits for the
 * operator, newest first, competing claims of one number marked. Confirming one rejects the others.
 */
export function Verification() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const queue = useQuery({
    queryKey: ['organizations', 'CLAIMED', page],
    queryFn: () =>
      ok(
        api.GET('/api/organizations', {
          params: { query: { registration: 'CLAIMED', page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const [open, setOpen] = useState<string | null>(null);
  const opened = queue.data?.items.find((o) => o.id === open);
  useExistingPage(page, setPage, queue.data?.total, PAGE_SIZE);
  if (queue.error) return <ErrorAlert error={queue.error} />;
  if (!queue.data) return <Skeleton h={200} />;
  if (queue.data.total === 0) return <Text c="dimmed">{t('desk.verify.none')}</Text>;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('desk.verify.intro', { count: queue.data.total })}
      </Text>
      <Table striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('desk.verify.organization')}</Table.Th>
            <Table.Th>{t('org.registrationNumber')}</Table.Th>
            <Table.Th>{t('org.categoryClaimed')}</Table.Th>
            <Table.Th>{t('desk.verify.claimed')}</Table.Th>
            <Table.Th>{t('desk.pool.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {queue.data.items.map((o) => (
            <Table.Tr key={o.id} data-testid="verify-row">
              <Table.Td>
                <Text fw={600} size="sm">
                  {o.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {o.representativeName} · KSIC {o.industryCode}
                </Text>
              </Table.Td>
              <Table.Td>
                {o.registrationNumber.replace(/^(\d{3})(\d{2})(\d{5})$/, '$1-$2-$3')}
                {o.registration.otherClaims > 0 && (
                  <Badge color="red" variant="light" ml="xs">
                    {t('desk.verify.competing', { count: o.registration.otherClaims })}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{label(t, 'category', o.category)}</Table.Td>
              <Table.Td>{seoulDate(o.createdAt)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => setOpen(o.id)}>
                  {t('desk.verify.verify')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pages
        total={queue.data.total}
        pageSize={PAGE_SIZE}
        page={page}
        onChange={(n) => {
          setPage(n);
          setOpen(null);
        }}
      />
      {opened && <VerifyForm key={opened.id} org={opened} onDone={() => setOpen(null)} />}
    </Stack>
  );
}

/** What a confirmed category means for money: each paying program's rate and cap, or no entry. */
function WhatItChanges({ category }: { category: OrganizationCategory }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid="verify-effect">
      {KINDS.map((kind) => {
        const terms = defaultTerms(kind);
        const money = moneyTermsFor(terms, category);
        const line = !terms.eligibleCategories.includes(category)
          ? t('desk.verify.notEligible')
          : t('desk.verify.rate', {
              rate: percent(money!.maxGovernmentRateBp),
              cap:
                money!.maxGovernmentKrw === null
                  ? t('desk.verify.noCap')
                  : won(money!.maxGovernmentKrw),
            });
        return (
          <Text size="sm" key={kind}>
            <b>{label(t, 'programKind', kind)}</b>: {line}
          </Text>
        );
      })}
    </Stack>
  );
}

function VerifyForm({ org, onDone }: { org: Organization; onDone: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [businessStatus, setBusinessStatus] = useState<'ACTIVE' | 'SUSPENDED' | 'CLOSED'>('ACTIVE');
  const [taxArrears, setTaxArrears] = useState(false);
  const [category, setCategory] = useState<OrganizationCategory>(
    org.category as OrganizationCategory,
  );
  const [note, setNote] = useState('');
  const verify = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/organizations/{id}/verification', {
          params: { path: { id: org.id } },
          body: { businessStatus, taxArrears, category, ...(note.trim() && { note: note.trim() }) },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['organizations'] });
      void queries.invalidateQueries({ queryKey: ['desk-report'] });
      onDone();
    },
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verify-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          verify.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="verify-title">
            {t('desk.verify.title', { name: org.name })}
          </Title>
          {org.registration.otherClaims > 0 && (
            <Alert color="orange" title={t('desk.verify.competingTitle')}>
              {t('desk.verify.competingBody', { count: org.registration.otherClaims })}
            </Alert>
          )}
          <Group grow align="flex-start">
            <Select
              label={t('desk.verify.businessStatus')}
              allowDeselect={false}
              value={businessStatus}
              onChange={(v) => setBusinessStatus(v as typeof businessStatus)}
              data={(['ACTIVE', 'SUSPENDED', 'CLOSED'] as const).map((s) => ({
                value: s,
                label: t(`desk.verify.status.${s}`),
              }))}
            />
            <Select
              label={t('desk.verify.category')}
              description={t('org.categoryHint')}
              allowDeselect={false}
              value={category}
              onChange={(v) => setCategory(v as OrganizationCategory)}
              data={ORGANIZATION_CATEGORIES.map((c) => ({
                value: c,
                label: label(t, 'category', c),
              }))}
            />
          </Group>
          <Checkbox
            label={t('desk.verify.taxArrears')}
            checked={taxArrears}
            onChange={(e) => setTaxArrears(e.currentTarget.checked)}
          />
          <Paper withBorder p="sm" radius="sm" bg="gray.0">
            <Text size="sm" fw={600} mb={4}>
              {t('desk.verify.effect', { category: label(t, 'category', category) })}
            </Text>
            <WhatItChanges category={category} />
          </Paper>
          <Textarea
            label={t('desk.verify.note')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <ErrorAlert error={verify.error} />
          <FormButtons
            submit={t('desk.verify.confirm')}
            pending={verify.isPending}
            onCancel={onDone}
          />
        </Stack>
      </form>
    </Paper>
  );
}
