import { Checkbox, Group, NumberInput, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { TECHNOLOGIES } from '../../../modules/processors/technologies';
import { PriceInput } from '../../common/inputs';
import { label } from '../../common/labels';

export type Kind = 'PROCESSOR_POOL' | 'PROCESSING_SUPPORT' | 'PURCHASE_SUPPORT';

/** A business plan as the form holds it; `plan()` gives the API's body for the call's kind. */
export interface PlanFields {
  summary: string;
  staffCount: number | '';
  technologies: string[];
  industries: string[];
  references: string[];
  region: string;
  dataDescription: string;
  dataVolume: string;
  goals: string;
  technologiesWanted: string[];
  productsWanted: string[];
  intendedUse: string;
  requestedGovernmentKrw: number | '';
}

export const emptyPlan: PlanFields = {
  summary: '',
  staffCount: '',
  technologies: [],
  industries: [],
  references: [],
  region: '',
  dataDescription: '',
  dataVolume: '',
  goals: '',
  technologiesWanted: [],
  productsWanted: [],
  intendedUse: '',
  requestedGovernmentKrw: '',
};

/** The form's fields from a plan the API sent back. */
export function fieldsOf(plan: object): PlanFields {
  return { ...emptyPlan, ...(plan as Partial<PlanFields>) };
}

/** The body the API takes for this kind of call. */
export function planBody(kind: Kind, f: PlanFields) {
  switch (kind) {
    case 'PROCESSOR_POOL':
      return {
        summary: f.summary.trim(),
        staffCount: Number(f.staffCount),
        technologies: f.technologies as (typeof TECHNOLOGIES)[number][],
        industries: f.industries,
        references: f.references,
        ...(f.region.trim() && { region: f.region.trim() }),
      };
    case 'PROCESSING_SUPPORT':
      return {
        summary: f.summary.trim(),
        dataDescription: f.dataDescription.trim(),
        dataVolume: f.dataVolume.trim(),
        goals: f.goals.trim(),
        ...(f.technologiesWanted.length > 0 && {
          technologiesWanted: f.technologiesWanted as (typeof TECHNOLOGIES)[number][],
        }),
        requestedGovernmentKrw: Number(f.requestedGovernmentKrw),
      };
    case 'PURCHASE_SUPPORT':
      return {
        summary: f.summary.trim(),
        productsWanted: f.productsWanted,
        intendedUse: f.intendedUse.trim(),
        requestedGovernmentKrw: Number(f.requestedGovernmentKrw),
      };
  }
}

/**
 * What is wrong with each field, by the API's own rules (plans.dto.ts): required text, a staff
 * count of 1 to 100,000, at least one technology, KSIC codes of 2 to 5 digits, at least one
 * product wanted, a whole-won amount of at least 1.
 */
export function planProblems(
  t: TFunction,
  kind: Kind,
  f: PlanFields,
): Partial<Record<keyof PlanFields, string>> {
  const p: Partial<Record<keyof PlanFields, string>> = {};
  const text = (k: keyof PlanFields, max: number) => {
    const v = (f[k] as string).trim();
    if (!v) p[k] = t('plan.required');
    else if (v.length > max) p[k] = t('plan.tooLong', { max });
  };
  text('summary', 5000);
  if (kind === 'PROCESSOR_POOL') {
    const n = f.staffCount;
    if (n === '' || !Number.isInteger(n) || n < 1 || n > 100_000) p.staffCount = t('plan.staff');
    if (f.technologies.length === 0) p.technologies = t('plan.technologies');
    if (f.industries.some((c) => !/^\d{2,5}$/.test(c))) p.industries = t('plan.ksic');
  }
  if (kind === 'PROCESSING_SUPPORT') {
    text('dataDescription', 5000);
    text('dataVolume', 1000);
    text('goals', 5000);
  }
  if (kind === 'PURCHASE_SUPPORT') {
    if (f.productsWanted.length === 0) p.productsWanted = t('plan.products');
    text('intendedUse', 5000);
  }
  if (kind !== 'PROCESSOR_POOL') {
    const n = f.requestedGovernmentKrw;
    if (n === '' || !Number.isInteger(n) || n < 1) p.requestedGovernmentKrw = t('plan.amount');
  }
  return p;
}

/**
 * The business plan for one kind of call. Problems show under their fields once a field was
 * touched or a send was tried (`showAll`), tied to the field for screen readers.
 */
export function PlanForm({
  kind,
  value,
  onChange,
  showAll,
  readOnly,
}: {
  kind: Kind;
  value: PlanFields;
  onChange: (next: PlanFields) => void;
  showAll: boolean;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const problems = planProblems(t, kind, value);
  const err = (k: keyof PlanFields) => (showAll ? problems[k] : undefined);
  const set = <K extends keyof PlanFields>(k: K, v: PlanFields[K]) =>
    onChange({ ...value, [k]: v });
  const common = { readOnly, withAsterisk: !readOnly };
  return (
    <Stack>
      <Textarea
        {...common}
        label={t('plan.summary')}
        description={t(`plan.summaryHint.${kind}`)}
        autosize
        minRows={3}
        value={value.summary}
        onChange={(e) => set('summary', e.currentTarget.value)}
        error={err('summary')}
      />
      {kind === 'PROCESSOR_POOL' && (
        <>
          <NumberInput
            {...common}
            label={t('plan.staffCount')}
            min={1}
            max={100_000}
            allowDecimal={false}
            value={value.staffCount}
            onChange={(v) => set('staffCount', typeof v === 'number' ? v : '')}
            error={err('staffCount')}
            w={200}
          />
          <TechnologyChecks
            {...common}
            label={t('plan.technologiesLabel')}
            value={value.technologies}
            onChange={(v) => set('technologies', v)}
            error={err('technologies')}
          />
          <TagsInput
            readOnly={readOnly}
            label={t('plan.industries')}
            description={t('plan.industriesHint')}
            value={value.industries}
            onChange={(v) => set('industries', v)}
            error={err('industries')}
          />
          <TagsInput
            readOnly={readOnly}
            label={t('plan.references')}
            description={t('plan.tagsHint')}
            value={value.references}
            onChange={(v) => set('references', v)}
          />
          <TextInput
            readOnly={readOnly}
            label={t('plan.region')}
            value={value.region}
            onChange={(e) => set('region', e.currentTarget.value)}
            w={200}
          />
        </>
      )}
      {kind === 'PROCESSING_SUPPORT' && (
        <>
          <Textarea
            {...common}
            label={t('plan.dataDescription')}
            autosize
            minRows={2}
            value={value.dataDescription}
            onChange={(e) => set('dataDescription', e.currentTarget.value)}
            error={err('dataDescription')}
          />
          <TextInput
            {...common}
            label={t('plan.dataVolume')}
            value={value.dataVolume}
            onChange={(e) => set('dataVolume', e.currentTarget.value)}
            error={err('dataVolume')}
          />
          <Textarea
            {...common}
            label={t('plan.goals')}
            autosize
            minRows={2}
            value={value.goals}
            onChange={(e) => set('goals', e.currentTarget.value)}
            error={err('goals')}
          />
          <TechnologyChecks
            readOnly={readOnly}
            label={t('plan.technologiesWanted')}
            description={t('plan.technologiesWantedHint')}
            value={value.technologiesWanted}
            onChange={(v) => set('technologiesWanted', v)}
          />
        </>
      )}
      {kind === 'PURCHASE_SUPPORT' && (
        <>
          <TagsInput
            {...common}
            label={t('plan.productsWanted')}
            description={t('plan.tagsHint')}
            value={value.productsWanted}
            onChange={(v) => set('productsWanted', v)}
            error={err('productsWanted')}
          />
          <Textarea
            {...common}
            label={t('plan.intendedUse')}
            autosize
            minRows={2}
            value={value.intendedUse}
            onChange={(e) => set('intendedUse', e.currentTarget.value)}
            error={err('intendedUse')}
          />
        </>
      )}
      {kind !== 'PROCESSOR_POOL' && (
        <PriceInput
          {...common}
          label={t('plan.requestedGovernmentKrw')}
          value={value.requestedGovernmentKrw}
          onChange={(v) => set('requestedGovernmentKrw', typeof v === 'number' ? v : '')}
          error={err('requestedGovernmentKrw')}
          w={260}
        />
      )}
    </Stack>
  );
}

/** The pool's processing techniques as checkboxes (what a processor offers, or a plan needs). */
function TechnologyChecks({
  readOnly,
  ...props
}: {
  readOnly?: boolean;
  withAsterisk?: boolean;
  label: string;
  description?: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group readOnly={readOnly} {...props}>
      <Group mt={4} gap="md">
        {TECHNOLOGIES.map((code) => (
          <Checkbox
            key={code}
            value={code}
            label={label(t, 'technology', code)}
            disabled={readOnly}
          />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
