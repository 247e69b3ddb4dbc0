import { vatSplit } from './vat.js';
describe('vatSplit', () => {
  it('splits a VAT-inclusive price into supply value and 10% VAT, adding up exactly', () => {
    expect(vatSplit(1_100_000n)).toEqual({ supplyKrw: 1_000_000n, vatKrw: 100_000n });
    expect(vatSplit(3_000_000n)).toEqual({ supplyKrw: 2_727_272n, vatKrw: 272_728n });
    for (const p of [1n, 7n, 999_999n]) {
      const { supplyKrw, vatKrw } = vatSplit(p);
      expect(supplyKrw + vatKrw).toBe(p);
    }
  });
});
