import { splitPrice, vatSplit } from './split.js';

describe('splitPrice', () => {
  it("docs/domain.md's examples: a firm pays 20%, a university lab nothing", () => {
    expect(splitPrice(3_000_000n, 8000, 10_000_000n)).toEqual({
      voucherKrw: 2_400_000n,
      buyerKrw: 600_000n,
    });
    expect(splitPrice(3_000_000n, 10_000, 10_000_000n)).toEqual({
      voucherKrw: 3_000_000n,
      buyerKrw: 0n,
    });
  });

  it('never takes more than the voucher has left', () => {
    expect(splitPrice(3_000_000n, 8000, 400_000n)).toEqual({
      voucherKrw: 400_000n,
      buyerKrw: 2_600_000n,
    });
    expect(splitPrice(3_000_000n, 8000, 0n)).toEqual({ voucherKrw: 0n, buyerKrw: 3_000_000n });
  });

  it('rounds the voucher part down to the won', () => {
    expect(splitPrice(999n, 8000, 10_000n)).toEqual({ voucherKrw: 799n, buyerKrw: 200n });
    expect(splitPrice(1n, 8000, 10_000n)).toEqual({ voucherKrw: 0n, buyerKrw: 1n });
  });
});

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
