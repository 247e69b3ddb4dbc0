import { pricingGuide } from './pricing-guide.js';

const base = {
  dataType: 'SENSOR_TIME_SERIES' as const,
  rows: 10_000,
  sizeBytes: 420_050,
  qualityScore: 100,
  comparables: [],
};

describe('pricing guide', () => {
  it('prices the reference volume at full quality at the base price', () => {
    const g = pricingGuide(base);
    expect(g.suggestedPriceKrw).toBe(2_000_000n);
    expect(g.inputs).toMatchObject({
      volumeFactorBp: 10_000,
      qualityFactorBp: 10_000,
      formulaPriceKrw: 2_000_000n,
      comparableMedianKrw: null,
    });
    expect(g.explanation).toContain('fewer than 3');
    expect(g.explanation).toMatch(
      /^2,000,000 KRW for sensor time series x volume 1 \(10,000 rows\)/,
    );
    expect(g.explanationKo).toBe(
      '센서 시계열 기준가 2,000,000원 x 규모 1 (10,000행) x 품질 1 (점수 100) = 2,000,000원; 비교할 등록 상품이 0개로 3개보다 적어 공식만 반영; 만 원 단위로 반올림해 2,000,000원. 가격은 판매자가 정합니다.',
    );
  });

  it('grows with volume (capped) and shrinks with quality', () => {
    expect(pricingGuide({ ...base, rows: 1_000_000 }).suggestedPriceKrw).toBe(4_000_000n); // 1 + 0.5 x 2 = 2
    expect(pricingGuide({ ...base, rows: 10 ** 12 }).inputs.volumeFactorBp).toBe(30_000);
    expect(pricingGuide({ ...base, rows: 10 }).inputs.volumeFactorBp).toBe(5_000);
    expect(pricingGuide({ ...base, qualityScore: 70 }).suggestedPriceKrw).toBe(1_700_000n); // 0.85
  });

  it('averages with the median of three or more comparables', () => {
    const comparables = [3_000_000n, 5_000_000n, 4_000_000n].map((priceKrw, i) => ({
      productId: `p${i}`,
      title: 't',
      priceKrw,
      rows: 10_000,
    }));
    const g = pricingGuide({ ...base, comparables });
    expect(g.inputs.comparableMedianKrw).toBe(4_000_000n);
    expect(g.suggestedPriceKrw).toBe(3_000_000n);
    expect(g.explanationKo).toContain('비교 등록 상품 3개의 중앙값 4,000,000원과 평균');
    expect(pricingGuide({ ...base, comparables: comparables.slice(0, 2) }).suggestedPriceKrw).toBe(
      2_000_000n,
    );
  });

  it('answers whole won rounded to 10,000', () => {
    const g = pricingGuide({ ...base, rows: 12_345, qualityScore: 93.7 });
    expect(g.suggestedPriceKrw % 10_000n).toBe(0n);
    expect(typeof g.suggestedPriceKrw).toBe('bigint');
  });
});
