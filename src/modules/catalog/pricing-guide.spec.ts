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
