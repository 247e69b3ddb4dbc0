import { splitPrice } from './split.js';

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
