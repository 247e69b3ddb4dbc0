import {
  Alert,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { CALLS_2024 } from '../../../modules/programs/calls-2024';
import { defaultTerms, type ProgramKind, type ProgramTerms } from '../../../modules/programs/rules';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { FormButtons } from '../../common/FormButtons';
import { seoulDate, won } from '../../common/format';
import { PriceInput } from '../../common/inputs';
import { label } from '../../common/labels';
import { type Program, Terms, termsOf } from '../programs/terms';

type NewCall = components['schemas']['CreateProgramDto'];
type Budget = components['schemas']['BudgetView'];
const DAY = 86_400_000;
const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const seoulDay = (at?: string | null) => (at ? seoulDate(new Date(at)) : '');
const num = (v: number | null | undefined) => (v ?? '') as number | '';

interface Fields {
  kind: ProgramKind;
  title: string;
  description: string;
  opensOn: string;
  closesOn: string;
  evaluationStartsOn: string;
  evaluationEndsOn: string;
  selectionOn: string;
  budgetKrw: number | '';
  targetCount: number | '';
  /** The firms' money terms, in the units a person types: percent and won. */
  ratePct: number | '';
  capKrw: number | '';
  cashPct: number | '';
  maxMonths: number | '';
}

function withTerms(terms: ProgramTerms) {
  return {
    ratePct: num(terms.money && terms.money.maxGovernmentRateBp / 100),
    capKrw: num(terms.money?.maxGovernmentKrw),
    cashPct: num(terms.money && terms.money.minOwnCashOfOwnBp / 100),
    maxMonths: num(terms.maxMonths),
  };
}

/** A 2024 call as this year's: the same terms and lengths, its window opening today. */
function fromTemplate(call: NewCall): Fields {
  const opens = call.applicationOpensAt.slice(0, 10);
  const shift = (d?: string | null) =>
    d
      ? plusDays(
          seoulDate(new Date()),
          Math.round(
            (Date.parse(`${d.slice(0, 10)}T00:00:00Z`) - Date.parse(`${opens}T00:00:00Z`)) / DAY,
          ),
        )
      : '';
  return {
    kind: call.kind,
    title: call.title.replace('2024', new Date().getFullYear().toString()),
    description: call.description ?? '',
    opensOn: seoulDate(new Date()),
    closesOn: shift(call.applicationClosesAt),
    evaluationStartsOn: shift(call.evaluationStartsOn),
    evaluationEndsOn: shift(call.evaluationEndsOn),
    selectionOn: shift(call.selectionOn),
    budgetKrw: num(call.budgetKrw),
    targetCount: num(call.targetCount),
    ...withTerms(defaultTerms(call.kind)),
  };
}

function fromProgram(p: Program): Fields {
  return {
    kind: p.kind as ProgramKind,
    title: p.title,
    description: p.description,
    opensOn: seoulDay(p.applicationOpensAt),
    closesOn: seoulDay(p.applicationClosesAt),
    evaluationStartsOn: p.evaluationStartsOn ?? '',
    evaluationEndsOn: p.evaluationEndsOn ?? '',
    selectionOn: p.selectionOn ?? '',
    budgetKrw: num(p.budgetKrw),
    targetCount: num(p.targetCount),
    ...withTerms(termsOf(p)),
  };
}

/** The terms the form describes: the call's (or the kind's defaults) with the typed money terms. */
function termsFrom(f: Fields, base: ProgramTerms): ProgramTerms {
  if (!base.money) return base;
  return {
    ...base,
    maxMonths: f.maxMonths === '' ? base.maxMonths : f.maxMonths,
    money: {
      maxGovernmentRateBp: Math.round(Number(f.ratePct) * 100),
      maxGovernmentKrw: f.capKrw === '' ? null : f.capKrw,
      minOwnCashOfOwnBp: Math.round(Number(f.cashPct) * 100),
    },
  };
}

/**
 * A call, new or changed. A new one starts from one of the announcement's 2024 calls. The terms
 * (rate, cap, cash part, months) can be set while the call has not opened; the budget of a call
 * never goes below what its agreements hold. Checked as typed, by the API's own limits.
 */
export function CallForm({
  program,
  budget,
  onDone,
}: {
  program?: Program;
  budget?: Budget;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [template, setTemplate] = useState(CALLS_2024[0].slug!);
  const [f, setF] = useState(() => (program ? fromProgram(program) : fromTemplate(CALLS_2024[0])));
  const [tried, setTried] = useState(false);
  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setF({ ...f, [k]: v });
  const [now] = useState(() => Date.now());
  const opened = program ? Date.parse(program.applicationOpensAt) <= now : false;
  const base = program ? termsOf(program) : defaultTerms(f.kind);
  const terms = termsFrom(f, base);
  const held = budget ? budget.committedKrw + budget.spentKrw : 0;

  const problems: Partial<Record<keyof Fields, string>> = {};
  if (!f.title.trim()) problems.title = t('plan.required');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.opensOn)) problems.opensOn = t('plan.required');
  if (f.closesOn && f.closesOn <= f.opensOn) problems.closesOn = t('desk.closesAfterOpens');
  if (f.kind !== 'PROCESSOR_POOL') {
    if (f.budgetKrw === '' || f.budgetKrw < 1) problems.budgetKrw = t('plan.amount');
    else if (budget && f.budgetKrw < held)
      problems.budgetKrw = t('desk.call.budgetBelowHeld', { held: won(held) });
    if (f.ratePct === '' || f.ratePct <= 0 || f.ratePct > 100)
      problems.ratePct = t('desk.call.percent', { min: 0.01 });
    if (f.cashPct === '' || f.cashPct < 0 || f.cashPct > 100)
      problems.cashPct = t('desk.call.percent', { min: 0 });
    if (f.maxMonths !== '' && (f.maxMonths < 1 || f.maxMonths > 60))
      problems.maxMonths = t('desk.call.months');
  }

  const save = useMutation({
    mutationFn: () => {
      const dates = {
        applicationClosesAt: f.closesOn ? `${f.closesOn}T00:00:00+09:00` : null,
        ...(f.evaluationStartsOn && { evaluationStartsOn: f.evaluationStartsOn }),
        ...(f.evaluationEndsOn && { evaluationEndsOn: f.evaluationEndsOn }),
        ...(f.selectionOn && { selectionOn: f.selectionOn }),
        ...(f.budgetKrw !== '' && { budgetKrw: f.budgetKrw }),
        ...(f.targetCount !== '' && { targetCount: f.targetCount }),
      };
      const termsBody = terms.money
        ? { terms: { money: terms.money, ...(terms.maxMonths && { maxMonths: terms.maxMonths }) } }
        : {};
      const opensAt = `${f.opensOn}T00:00:00+09:00`;
      if (program)
        return ok(
          api.PATCH('/api/programs/{id}', {
            params: { path: { id: program.id } },
            body: {
              title: f.title.trim(),
              description: f.description,
              ...dates,
              ...(!opened && { applicationOpensAt: opensAt, ...termsBody }),
            },
          }),
        );
      return ok(
        api.POST('/api/programs', {
          body: {
            kind: f.kind,
            title: f.title.trim(),
            description: f.description,
            applicationOpensAt: opensAt,
            ...dates,
            ...termsBody,
          },
        }),
      );
    },
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['programs'] });
      if (program) {
        void queries.invalidateQueries({ queryKey: ['program', program.id] });
        void queries.invalidateQueries({ queryKey: ['budget', program.id] });
      }
      onDone();
    },
  });
  const err = (k: keyof Fields) => (tried ? problems[k] : undefined);
  const preview = {
    terms,
    budgetKrw: f.budgetKrw === '' ? null : f.budgetKrw,
    targetCount: f.targetCount || null,
  };
  const heading = program ? t('desk.call.edit') : t('desk.newCall');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={heading}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (Object.keys(problems).length === 0) save.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h3">
            {heading}
          </Title>
          {!program && (
            <Select
              label={t('desk.template')}
              allowDeselect={false}
              value={template}
              onChange={(slug) => {
                const call = CALLS_2024.find((c) => c.slug === slug)!;
                setTemplate(slug!);
                setF(fromTemplate(call));
              }}
              data={CALLS_2024.map((c) => ({ value: c.slug!, label: c.title }))}
            />
          )}
          <TextInput
            withAsterisk
            label={t('desk.callTitle')}
            value={f.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={err('title')}
          />
          <Textarea
            label={t('desk.description')}
            autosize
            minRows={2}
            value={f.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <Group grow>
            <TextInput
              type="date"
              withAsterisk
              label={t('desk.opensOn')}
              description={opened ? t('desk.call.openedFixed') : undefined}
              disabled={opened}
              value={f.opensOn}
              onChange={(e) => set('opensOn', e.currentTarget.value)}
              error={err('opensOn')}
            />
            <TextInput
              type="date"
              label={t('desk.closesOn')}
              description={t('desk.rollingHint')}
              value={f.closesOn}
              onChange={(e) => set('closesOn', e.currentTarget.value)}
              error={err('closesOn')}
            />
          </Group>
          {f.kind !== 'PROCESSOR_POOL' && (
            <Group grow align="flex-start">
              <PriceInput
                label={t('desk.budget')}
                description={
                  budget &&
                  t('desk.call.held', {
                    held: won(held),
                    left: won(Number(f.budgetKrw || 0) - held),
                  })
                }
                value={f.budgetKrw}
                onChange={(v) => set('budgetKrw', typeof v === 'number' ? v : '')}
                error={err('budgetKrw')}
              />
              <PriceInput
                label={t('desk.target')}
                suffix=""
                value={f.targetCount}
                onChange={(v) => set('targetCount', typeof v === 'number' ? v : '')}
              />
            </Group>
          )}
          {base.money && (
            <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" size="sm" fw={600}>
                {t('desk.call.moneyTerms')}
              </Text>
              {opened && <Alert color="gray">{t('desk.call.termsFixed')}</Alert>}
              <Group grow align="flex-start">
                <NumberInput
                  label={t('desk.call.rate')}
                  suffix="%"
                  decimalScale={2}
                  disabled={opened}
                  value={f.ratePct}
                  onChange={(v) => set('ratePct', typeof v === 'number' ? v : '')}
                  error={err('ratePct')}
                />
                <PriceInput
                  label={t('desk.call.cap')}
                  description={t('desk.call.capHint')}
                  disabled={opened}
                  value={f.capKrw}
                  onChange={(v) => set('capKrw', typeof v === 'number' ? v : '')}
                />
                <NumberInput
                  label={t('desk.call.cash')}
                  suffix="%"
                  decimalScale={2}
                  disabled={opened}
                  value={f.cashPct}
                  onChange={(v) => set('cashPct', typeof v === 'number' ? v : '')}
                  error={err('cashPct')}
                />
                <NumberInput
                  label={t('desk.call.maxMonths')}
                  allowDecimal={false}
                  disabled={opened}
                  value={f.maxMonths}
                  onChange={(v) => set('maxMonths', typeof v === 'number' ? v : '')}
                  error={err('maxMonths')}
                />
              </Group>
            </Stack>
          )}
          <Text size="sm" fw={600}>
            {t('desk.termsOf', { kind: label(t, 'programKind', f.kind) })}
          </Text>
          <Terms program={preview} />
          <ErrorAlert error={save.error} />
          <FormButtons
            submit={program ? t('desk.call.save') : t('desk.open')}
            pending={save.isPending}
            onCancel={onDone}
          />
        </Stack>
      </form>
    </Paper>
  );
}
