import type { OrganizationCategory } from '../organizations/rules.js';

export const PROGRAM_KINDS = ['PROCESSOR_POOL', 'PROCESSING_SUPPORT', 'PURCHASE_SUPPORT'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

/** How government and own money may be split. Rates are basis points (8000 = 80%). */
export interface MoneyTerms {
  maxGovernmentRateBp: number;
  /** Cap of government money per agreement, whole won; null when only the rate limits it. */
  maxGovernmentKrw: number | null;
  /** Share of the own contribution that must be paid in cash (1000 = 10%). */
  minOwnCashOfOwnBp: number;
}

export interface ScoreCriterion {
  key: string;
  name: string;
  /** Points this criterion is worth; the criteria of a call add up to 100. */
  weight: number;
}

export interface ChecklistItem {
  key: string;
  name: string;
}

/** The rules of one call, stored with it: changing a default never changes an existing call. */
export interface ProgramTerms {
  selection: 'ABSOLUTE' | 'COMPETITIVE';
  eligibleCategories: OrganizationCategory[];
  /** Only manufacturers (KSIC division 10-34) may apply. */
  manufacturersOnly: boolean;
  /** Longest agreement period in months; null when the call has no agreements (the pool). */
  maxMonths: number | null;
  /** Firms' money terms; null when the call pays nothing (the pool). */
  money: MoneyTerms | null;
  /** Nonprofits' money terms where they differ (purchase support: 100%, no own share). */
  nonprofitMoney: MoneyTerms | null;
  /** Scored calls: criteria and weights. */
  criteria: ScoreCriterion[];
  /** Absolute calls: the pass/fail checklist. */
  checklist: ChecklistItem[];
  /** Lowest average score an operator may select (scored calls). */
  passScore: number | null;
}

/** The 2024 announcement's numbers, by kind. */
export function defaultTerms(kind: ProgramKind): ProgramTerms {
  switch (kind) {
    case 'PROCESSOR_POOL':
      return {
        selection: 'ABSOLUTE',
        eligibleCategories: ['SME', 'MID_SIZE', 'LARGE', 'NONPROFIT'],
        manufacturersOnly: false,
        maxMonths: null,
        money: null,
        nonprofitMoney: null,
        criteria: [],
        checklist: [
          { key: 'staff', name: '데이터 가공 전문 인력 보유 (Data-processing staff)' },
          {
            key: 'technology',
            name: '전처리·라벨링·AI 모델링 기술 보유 (Preprocessing, labelling, AI modelling)',
          },
          { key: 'quality', name: '데이터 품질 검증 체계 (Quality verification process)' },
          { key: 'references', name: '제조데이터 가공 수행 실적 (Track record)' },
          { key: 'security', name: '보안·데이터 관리 체계 (Security and data handling)' },
        ],
        passScore: null,
      };
    case 'PROCESSING_SUPPORT':
      return {
        selection: 'COMPETITIVE',
        eligibleCategories: ['SME', 'MID_SIZE'],
        manufacturersOnly: true,
        maxMonths: 4,
        money: { maxGovernmentRateBp: 8000, maxGovernmentKrw: 50_000_000, minOwnCashOfOwnBp: 1000 },
        nonprofitMoney: null,
        criteria: [
          { key: 'data', name: '보유 데이터의 규모와 품질 (Data held)', weight: 30 },
          { key: 'plan', name: '가공 계획의 구체성 (Processing plan)', weight: 30 },
          { key: 'market', name: '상품화·활용 가능성 (Marketability)', weight: 25 },
          { key: 'capacity', name: '수행 역량 (Capacity)', weight: 15 },
        ],
        checklist: [],
        passScore: 60,
      };
    case 'PURCHASE_SUPPORT':
      return {
        selection: 'COMPETITIVE',
        eligibleCategories: ['SME', 'MID_SIZE', 'NONPROFIT'],
        manufacturersOnly: false,
        maxMonths: 4,
        money: { maxGovernmentRateBp: 8000, maxGovernmentKrw: 10_000_000, minOwnCashOfOwnBp: 0 },
        nonprofitMoney: {
          maxGovernmentRateBp: 10_000,
          maxGovernmentKrw: null,
          minOwnCashOfOwnBp: 0,
        },
        criteria: [
          { key: 'purpose', name: '활용 목적의 타당성 (Purpose)', weight: 40 },
          { key: 'plan', name: '활용 계획의 구체성 (Plan)', weight: 30 },
          { key: 'impact', name: '기대 효과 (Expected impact)', weight: 30 },
        ],
        checklist: [],
        passScore: 60,
      };
  }
}

/** The money terms that apply to an organization of this category, or null when none do. */
export function moneyTermsFor(
  terms: ProgramTerms,
  category: OrganizationCategory,
): MoneyTerms | null {
  return category === 'NONPROFIT' && terms.nonprofitMoney ? terms.nonprofitMoney : terms.money;
}

/** Problems with a call's terms (after the operator's overrides), as messages. */
export function termsProblems(kind: ProgramKind, terms: ProgramTerms): string[] {
  const problems: string[] = [];
  if (terms.selection === 'COMPETITIVE') {
    const total = terms.criteria.reduce((a, c) => a + c.weight, 0);
    if (terms.criteria.length === 0) problems.push('a scored call needs at least one criterion');
    else if (total !== 100) problems.push(`criteria weights must add up to 100, not ${total}`);
    if (new Set(terms.criteria.map((c) => c.key)).size !== terms.criteria.length)
      problems.push('criteria keys must be unique');
  } else if (terms.checklist.length === 0) problems.push('an absolute call needs a checklist');
  if (new Set(terms.checklist.map((c) => c.key)).size !== terms.checklist.length)
    problems.push('checklist keys must be unique');
  if (kind !== 'PROCESSOR_POOL' && !terms.money) problems.push('a support call needs money terms');
  for (const money of [terms.money, terms.nonprofitMoney])
    if (money && (money.maxGovernmentRateBp < 1 || money.maxGovernmentRateBp > 10_000))
      problems.push('maxGovernmentRateBp must be between 1 and 10000');
  if (terms.eligibleCategories.length === 0)
    problems.push('at least one organization category must be eligible');
  return problems;
}
