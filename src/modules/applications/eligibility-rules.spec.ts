import { defaultTerms } from '../programs/index.js';
import {
  checkEligibility,
  effectiveCategory,
  type EligibilityFacts,
  isManufacturer,
} from './eligibility-rules.js';

const ok: EligibilityFacts = {
  organization: { category: 'SME', industryCode: '29294' },
  verification: { businessStatus: 'ACTIVE', taxArrears: false, category: null },
  terms: defaultTerms('PROCESSING_SUPPORT'),
  excludedIndustries: [],
  otherOpenApplicationId: null,
};
const rules = (f: Partial<EligibilityFacts>) =>
  checkEligibility({ ...ok, ...f }).map((x) => x.rule);

describe('eligibility rules', () => {
  it('passes an active, verified SME manufacturer', () => {
    expect(checkEligibility(ok)).toEqual([]);
  });

  it('needs a verification on record', () => {
    expect(rules({ verification: null })).toEqual(['VERIFICATION_ON_RECORD']);
  });

  it('refuses suspended and closed businesses', () => {
    expect(rules({ verification: { ...ok.verification!, businessStatus: 'SUSPENDED' } })).toEqual([
      'BUSINESS_ACTIVE',
    ]);
    expect(rules({ verification: { ...ok.verification!, businessStatus: 'CLOSED' } })).toEqual([
      'BUSINESS_ACTIVE',
    ]);
  });

  it('refuses tax arrears', () => {
    expect(rules({ verification: { ...ok.verification!, taxArrears: true } })).toEqual([
      'NO_TAX_ARREARS',
    ]);
  });

  it('refuses excluded industries and names them', () => {
    const failures = checkEligibility({
      ...ok,
      excludedIndustries: [{ code: '56', name: '음식점 및 주점업', reason: '숙박·음식점업' }],
    });
    expect(failures.map((f) => f.rule)).toEqual(['INDUSTRY_NOT_EXCLUDED']);
    expect(failures[0].messageKo).toContain('숙박·음식점업');
  });

  it('checks the category the call allows, using the verified category when there is one', () => {
    expect(rules({ organization: { ...ok.organization, category: 'LARGE' } })).toEqual([
      'CATEGORY_ALLOWED',
    ]);
    expect(
      rules({
        organization: { ...ok.organization, category: 'LARGE' },
        verification: { ...ok.verification!, category: 'MID_SIZE' },
      }),
    ).toEqual([]);
    expect(rules({ verification: { ...ok.verification!, category: 'LARGE' } })).toEqual([
      'CATEGORY_ALLOWED',
    ]);
    expect(
      rules({
        organization: { ...ok.organization, category: 'NONPROFIT' },
        terms: defaultTerms('PURCHASE_SUPPORT'),
      }),
    ).toEqual([]);
    expect(effectiveCategory({ organization: ok.organization, verification: null })).toBe('SME');
  });

  it('needs a manufacturer for processing support only', () => {
    expect(rules({ organization: { ...ok.organization, industryCode: '62010' } })).toEqual([
      'MANUFACTURER',
    ]);
    expect(
      rules({
        organization: { ...ok.organization, industryCode: '62010' },
        terms: defaultTerms('PROCESSOR_POOL'),
      }),
    ).toEqual([]);
    expect(isManufacturer('10110')).toBe(true);
    expect(isManufacturer('34')).toBe(true);
    expect(isManufacturer('35110')).toBe(false);
    expect(isManufacturer('09')).toBe(false);
  });

  it('allows one open application per call', () => {
    expect(rules({ otherOpenApplicationId: 'a1' })).toEqual(['ONE_OPEN_APPLICATION']);
  });

  it('reports every failed rule at once', () => {
    expect(
      rules({
        verification: { businessStatus: 'CLOSED', taxArrears: true, category: 'LARGE' },
        excludedIndustries: [{ code: '55', name: '숙박업', reason: '숙박·음식점업' }],
        organization: { category: 'SME', industryCode: '55101' },
        otherOpenApplicationId: 'a2',
      }),
    ).toEqual([
      'BUSINESS_ACTIVE',
      'NO_TAX_ARREARS',
      'INDUSTRY_NOT_EXCLUDED',
      'CATEGORY_ALLOWED',
      'MANUFACTURER',
      'ONE_OPEN_APPLICATION',
    ]);
  });
});
