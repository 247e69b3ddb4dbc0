import { Alert, Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { agreementViolations } from '../../../modules/applications/agreement-rules';
import type { OrganizationCategory } from '../../../modules/organizations/rules';
import { moneyTermsFor } from '../../../modules/programs/rules';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate, won } from '../../common/format';
import { PriceInput } from '../../common/inputs';
import { type Program, termsOf } from '../programs/terms';
import type { Application } from './ApplicationPage';

const today = () => seoulDate(new Date());

/** The last day of a period of `months` from `start` (the API's fitsInMonths allows no later). */
function lastDay(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, 1));
  const daysInMonth = new Date(
    Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0),
  ).getUTCDate();
  end.setUTCDate(Math.min(d, daysInMonth) - 1);
  return end.toISOString().slice(0, 10);
}

/**
 * The agreement, checked as it is typed with the API's own rules (agreement-rules.ts): the rate
 * and cap for the category the operator confirmed, the own share and its cash part, the period.
 * Nothing is sent while a rule is broken; the budget left after it is shown.
 */
export function AgreementForm({
  application,
  program,
}: {
  application: Application;
  program: Program;
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const terms = termsOf(program);
  const org = useQuery({
    queryKey: ['organization', application.organizationId],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}', {
          params: { path: { id: application.organizationId } },
        }),
      ),
  });
  const budget = useQuery({
    queryKey: ['budget', program.id],
    queryFn: () =>
      ok(api.GET('/api/programs/{id}/budget', { params: { path: { id: program.id } } })),
  });
  const category = org.data?.confirmedCategory ?? null;
  const money = category ? moneyTermsFor(terms, category as OrganizationCategory) : null;
  const requested = application.requestedGovernmentKrw ?? 0;
  const [government, setGovernment] = useState<number | ''>(requested || '');
  const [total, setTotal] = useState<number | ''>(() =>
    requested && terms.money
      ? Math.ceil((requested * 10_000) / terms.money.maxGovernmentRateBp)
      : '',
  );
  const own = typeof total === 'number' && typeof government === 'number' ? total - government : 0;
  const [cash, setCash] = useState<number | ''>('');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState(lastDay(today(), terms.maxMonths ?? 4));
  const minCash = money ? Math.ceil((own * money.minOwnCashOfOwnBp) / 10_000) : 0;
  const cashValue = cash === '' ? minCash : cash;
  const filled = typeof total === 'number' && typeof government === 'number';
  const violations =
    filled && money
      ? agreementViolations(
          {
            totalCostKrw: BigInt(total),
            governmentKrw: BigInt(government),
            ownKrw: BigInt(own),
            ownCashKrw: BigInt(cashValue),
            startsOn,
            endsOn,
          },
          money,
          terms.maxMonths,
          today(),
        )
      : [];
  const sign = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/applications/{id}/agreement', {
          params: { path: { id: application.id } },
          body: {
            totalCostKrw: Number(total),
            governmentKrw: Number(government),
            ownKrw: own,
            ownCashKrw: cashValue,
            startsOn,
            endsOn,
          },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['application', application.id] });
      void queries.invalidateQueries({ queryKey: ['budget', program.id] });
    },
  });
  const { text } = useBilingual();
  const left = budget.data && filled ? budget.data.availableKrw - Number(government) : null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="agreement-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (filled && money && violations.length === 0) sign.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="agreement-title">
            {t('agreement.title')}
          </Title>
          {org.data && !category && (
            <Alert color="orange" role="status">
              {t('agreement.noCategory')}
            </Alert>
          )}
          <PriceInput
            label={t('agreement.total')}
            value={total}
            onChange={(v) => setTotal(typeof v === 'number' ? v : '')}
          />
          <PriceInput
            label={t('agreement.government')}
            value={government}
            onChange={(v) => setGovernment(typeof v === 'number' ? v : '')}
          />
          <Text size="sm">{t('agreement.own', { own: won(own) })}</Text>
          <PriceInput
            label={t('agreement.cash')}
            min={0}
            value={cashValue}
            onChange={(v) => setCash(typeof v === 'number' ? v : '')}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t('agreement.startsOn')}
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('agreement.endsOn')}
              value={endsOn}
              onChange={(e) => setEndsOn(e.currentTarget.value)}
            />
          </Group>
          {violations.length > 0 && (
            <Alert color="red" title={t('agreement.outsideTerms')} role="alert">
              <List size="sm">
                {violations.map((v) => (
                  <List.Item key={v.code}>{text(v.message, v.messageKo)}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {left !== null && (
            <Text size="sm" c={left < 0 ? 'red.8' : undefined}>
              {t('agreement.budgetLeft', {
                left: won(left),
                available: won(budget.data!.availableKrw),
              })}
            </Text>
          )}
          <ErrorAlert error={sign.error} />
          <Group>
            <Button
              type="submit"
              disabled={!filled || !money || violations.length > 0}
              loading={sign.isPending}
            >
              {t('agreement.sign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
