import { List, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import type { ProgramTerms } from '../../../modules/programs/rules';
import { won } from '../../common/format';
import { label } from '../../common/labels';

export type Program = components['schemas']['ProgramView'];

/** What the terms are read from: a call, or a call being drafted. */
type WithTerms = Pick<Program, 'budgetKrw' | 'targetCount'> & { terms: object };

/** The call's terms as stored with it (the API sends them as an object). */
export const termsOf = (program: WithTerms) => program.terms as unknown as ProgramTerms;

const pct = (bp: number) => `${bp / 100}%`;

/** A call's terms in plain words: rates, caps, own share and cash part, period, who may apply. */
export function termsLines(t: TFunction, program: WithTerms): string[] {
  const terms = termsOf(program);
  const lines: string[] = [];
  if (terms.money) {
    const m = terms.money;
    lines.push(
      m.maxGovernmentKrw === null
        ? t('programs.terms.rate', { rate: pct(m.maxGovernmentRateBp) })
        : t('programs.terms.rateCap', {
            rate: pct(m.maxGovernmentRateBp),
            cap: won(m.maxGovernmentKrw),
          }),
    );
    const own = 10_000 - m.maxGovernmentRateBp;
    if (own > 0)
      lines.push(
        m.minOwnCashOfOwnBp > 0
          ? t('programs.terms.ownCash', { own: pct(own), cash: pct(m.minOwnCashOfOwnBp) })
          : t('programs.terms.own', { own: pct(own) }),
      );
  } else lines.push(t('programs.terms.noMoney'));
  if (terms.nonprofitMoney)
    lines.push(
      t('programs.terms.nonprofit', { rate: pct(terms.nonprofitMoney.maxGovernmentRateBp) }),
    );
  if (terms.maxMonths) lines.push(t('programs.terms.months', { count: terms.maxMonths }));
  lines.push(
    t('programs.terms.who', {
      who: terms.eligibleCategories.map((c) => label(t, 'category', c)).join(', '),
    }) + (terms.manufacturersOnly ? ` ${t('programs.terms.manufacturers')}` : ''),
  );
  lines.push(
    terms.selection === 'ABSOLUTE'
      ? t('programs.terms.absolute')
      : t('programs.terms.competitive', { score: terms.passScore ?? 0 }),
  );
  if (program.budgetKrw !== null)
    lines.push(
      t('programs.terms.budget', { budget: won(program.budgetKrw) }) +
        (program.targetCount
          ? ` ${t('programs.terms.target', { count: program.targetCount })}`
          : ''),
    );
  return lines;
}

export function Terms({ program }: { program: WithTerms }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={4}>
      {termsLines(t, program).map((line) => (
        <List.Item key={line}>
          <Text size="sm">{line}</Text>
        </List.Item>
      ))}
    </List>
  );
}
