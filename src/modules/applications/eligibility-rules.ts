import type { OrganizationCategory } from '../organizations/rules.js';
import type { ProgramTerms } from '../programs/rules.js';

export interface EligibilityFacts {
  organization: { category: OrganizationCategory; industryCode: string };
  /** The latest operator verification, or null when none is on record. */
  verification: {
    businessStatus: 'ACTIVE' | 'SUSPENDED' | 'CLOSED';
    taxArrears: boolean;
    category: OrganizationCategory | null;
  } | null;
  terms: Pick<ProgramTerms, 'eligibleCategories' | 'manufacturersOnly'>;
  /** Excluded industries whose code covers the organization's. */
  excludedIndustries: { code: string; name: string; reason: string }[];
  /** Another open application of the same organization to the same call. */
  otherOpenApplicationId: string | null;
}

export interface EligibilityFailure {
  rule: string;
  message: string;
  messageKo: string;
}

type Rule = (f: EligibilityFacts) => Omit<EligibilityFailure, 'rule'> | undefined;

const CATEGORY_KO: Record<OrganizationCategory, string> = {
  SME: '중소기업',
  MID_SIZE: '중견기업',
  LARGE: '대기업',
  NONPROFIT: '비영리기관',
};

/** The category for screening: the confirmed one when an operator recorded it, else the declared one. Money (agreements, vouchers) uses only a confirmed one. */
export function effectiveCategory(
  f: Pick<EligibilityFacts, 'organization' | 'verification'>,
): OrganizationCategory {
  return f.verification?.category ?? f.organization.category;
}

/** KSIC section C (manufacturing) is divisions 10 to 34. */
export function isManufacturer(industryCode: string): boolean {
  const division = Number(industryCode.slice(0, 2));
  return division >= 10 && division <= 34;
}

/** Each rule of docs/domain.md's common eligibility and the call's own terms, in the order they are reported. */
export const RULES: Record<string, Rule> = {
  VERIFICATION_ON_RECORD: (f) =>
    f.verification
      ? undefined
      : {
          message:
            'No verification is on record: the operator must verify business status and tax payments first.',
          messageKo:
            '기업 확인 정보(휴·폐업, 체납 여부)가 없습니다. 운영기관의 확인을 먼저 받아야 합니다.',
        },
  BUSINESS_ACTIVE: (f) =>
    !f.verification || f.verification.businessStatus === 'ACTIVE'
      ? undefined
      : {
          message: `The business is ${f.verification.businessStatus.toLowerCase()}; suspended or closed businesses cannot apply.`,
          messageKo: '휴업 또는 폐업 중인 기업은 신청할 수 없습니다.',
        },
  NO_TAX_ARREARS: (f) =>
    !f.verification?.taxArrears
      ? undefined
      : {
          message:
            'National or local taxes are in arrears; pay them and ask the operator to verify again.',
          messageKo:
            '국세 또는 지방세 체납 기업은 신청할 수 없습니다. 납부 후 다시 확인을 요청해 주세요.',
        },
  INDUSTRY_NOT_EXCLUDED: (f) =>
    f.excludedIndustries.length === 0
      ? undefined
      : {
          message: `Industry ${f.organization.industryCode} is excluded (${f.excludedIndustries.map((e) => `${e.code} ${e.name}: ${e.reason}`).join('; ')}).`,
          messageKo: `지원 제외 업종입니다 (${f.excludedIndustries.map((e) => `${e.name}, ${e.reason}`).join('; ')}).`,
        },
  CATEGORY_ALLOWED: (f) => {
    const category = effectiveCategory(f);
    return f.terms.eligibleCategories.includes(category)
      ? undefined
      : {
          message: `This call is for ${f.terms.eligibleCategories.join(', ')}; the organization is ${category}.`,
          messageKo: `이 공고는 ${f.terms.eligibleCategories.map((c) => CATEGORY_KO[c]).join('·')} 대상입니다 (신청 기관: ${CATEGORY_KO[category]}).`,
        };
  },
  MANUFACTURER: (f) =>
    !f.terms.manufacturersOnly || isManufacturer(f.organization.industryCode)
      ? undefined
      : {
          message: `This call is for manufacturers (KSIC divisions 10-34); industry ${f.organization.industryCode} is not manufacturing.`,
          messageKo: `제조기업(한국표준산업분류 10~34)만 신청할 수 있습니다 (업종 코드 ${f.organization.industryCode}).`,
        },
  ONE_OPEN_APPLICATION: (f) =>
    !f.otherOpenApplicationId
      ? undefined
      : {
          message: `The organization already has an open application (${f.otherOpenApplicationId}) to this call.`,
          messageKo: '이 공고에 진행 중인 신청이 이미 있습니다.',
        },
};

/** Every failed rule, not just the first. */
export function checkEligibility(facts: EligibilityFacts): EligibilityFailure[] {
  return Object.entries(RULES).flatMap(([rule, check]) => {
    const failure = check(facts);
    return failure ? [{ rule, ...failure }] : [];
  });
}
