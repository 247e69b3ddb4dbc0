import { defaultTerms } from '../programs/index.js';
import { type AgreementMoney, agreementViolations } from './agreement-rules.js';

const processing = defaultTerms('PROCESSING_SUPPORT');
const purchase = defaultTerms('PURCHASE_SUPPORT');
// docs/domain.md's example: total 62,500,000; government 50,000,000 (80%); firm 12,500,000, at least 1,250,000 cash.
const example: AgreementMoney = {
  totalCostKrw: 62_500_000n,
  governmentKrw: 50_000_000n,
  ownKrw: 12_500_000n,
  ownCashKrw: 1_250_000n,
  startsOn: '2024-07-01',
  endsOn: '2024-10-31',
};
const codes = (a: Partial<AgreementMoney>, money = processing.money!, months: number | null = 4) =>
  agreementViolations({ ...example, ...a }, money, months).map((v) => v.code);

describe('agreement rules', () => {
  it("accepts the announcement's example exactly", () => {
    expect(codes({})).toEqual([]);
  });

  it('refuses one won over 80%', () => {
    expect(
      codes({ totalCostKrw: 62_499_999n, ownKrw: 12_499_999n, ownCashKrw: 1_250_000n }),
    ).toEqual(['GOVERNMENT_SHARE_OVER_RATE']);
  });

  it('refuses government money over the cap even at a lower rate', () => {
    expect(
      codes({
        totalCostKrw: 70_000_001n,
        governmentKrw: 50_000_001n,
        ownKrw: 20_000_000n,
        ownCashKrw: 2_000_000n,
      }),
    ).toEqual(['GOVERNMENT_OVER_CAP']);
  });

  it('needs at least 10% of the own share in cash, rounded up to the won', () => {
    expect(codes({ ownCashKrw: 1_249_999n })).toEqual(['CASH_UNDER_MINIMUM']);
    expect(
      codes({ totalCostKrw: 62_500_001n, ownKrw: 12_500_001n, ownCashKrw: 1_250_000n }),
    ).toEqual(['CASH_UNDER_MINIMUM']);
    expect(codes({ ownCashKrw: 12_500_001n })).toEqual(['CASH_OVER_OWN_SHARE']);
  });

  it('needs the parts to add up', () => {
    expect(codes({ ownKrw: 12_000_000n, ownCashKrw: 1_200_000n })).toEqual([
      'AMOUNTS_DO_NOT_ADD_UP',
    ]);
  });

  it('limits the period to four months', () => {
    expect(codes({ endsOn: '2024-11-01' })).toEqual(['PERIOD_TOO_LONG']);
    expect(codes({ endsOn: '2024-06-30' })).toEqual(['PERIOD_INVALID']);
  });

  it('purchase support: firms 80% up to 10,000,000; nonprofits 100% with no own share', () => {
    const firm = {
      totalCostKrw: 12_500_000n,
      governmentKrw: 10_000_000n,
      ownKrw: 2_500_000n,
      ownCashKrw: 2_500_000n,
    };
    expect(codes(firm, purchase.money!)).toEqual([]);
    expect(
      codes(
        {
          totalCostKrw: 13_125_000n,
          governmentKrw: 10_500_000n,
          ownKrw: 2_625_000n,
          ownCashKrw: 0n,
        },
        purchase.money!,
      ),
    ).toEqual(['GOVERNMENT_OVER_CAP']);
    const lab = {
      totalCostKrw: 15_000_000n,
      governmentKrw: 15_000_000n,
      ownKrw: 0n,
      ownCashKrw: 0n,
    };
    expect(codes(lab, purchase.nonprofitMoney!)).toEqual([]);
    expect(codes(lab, purchase.money!)).toEqual([
      'GOVERNMENT_SHARE_OVER_RATE',
      'GOVERNMENT_OVER_CAP',
    ]);
  });

  it('reports every violation at once', () => {
    expect(
      codes({
        governmentKrw: 60_000_000n,
        ownKrw: 1_000_000n,
        ownCashKrw: 0n,
        endsOn: '2025-01-01',
      }),
    ).toEqual([
      'AMOUNTS_DO_NOT_ADD_UP',
      'GOVERNMENT_SHARE_OVER_RATE',
      'GOVERNMENT_OVER_CAP',
      'CASH_UNDER_MINIMUM',
      'PERIOD_TOO_LONG',
    ]);
  });
});

describe('the period of an agreement signed today', () => {
  it('may have started already, but must not have ended', () => {
    const signedOn = (a: Partial<AgreementMoney>, today: string) =>
      agreementViolations({ ...example, ...a }, processing.money!, 4, today).map((v) => v.code);
    expect(signedOn({ startsOn: '2026-07-01', endsOn: '2026-10-31' }, '2026-12-01')).toEqual([
      'PERIOD_ENDED',
    ]);
    expect(signedOn({ startsOn: '2026-11-20', endsOn: '2027-03-01' }, '2026-12-01')).toEqual([]);
    expect(signedOn({ startsOn: '2026-11-20', endsOn: '2026-12-01' }, '2026-12-01')).toEqual([]);
  });
});
