import { fitsInMonths } from '../programs/index.js';
import type { MoneyTerms } from '../programs/index.js';
import { won } from '../../platform/money/won.js';

export interface AgreementMoney {
  totalCostKrw: bigint;
  governmentKrw: bigint;
  ownKrw: bigint;
  ownCashKrw: bigint;
  startsOn: string;
  endsOn: string;
}

export interface AgreementViolation {
  code: string;
  message: string;
}

const pct = (bp: number) => `${bp / 100}%`;

/**
 * Every way an agreement breaks its call's terms. A start in the past is allowed (work since the
 * start is covered, as when an agreement is signed a few days into its period), an end in the
 * past is not. Shares are exact integer comparisons:
 * government x 10000 <= total x rate, never floating point.
 */
export function agreementViolations(
  a: AgreementMoney,
  money: MoneyTerms,
  maxMonths: number | null,
  /** The day it is signed (Seoul, YYYY-MM-DD): a period that ended before it commits nothing. */
  today?: string,
): AgreementViolation[] {
  const v: AgreementViolation[] = [];
  if (a.governmentKrw + a.ownKrw !== a.totalCostKrw)
    v.push({
      code: 'AMOUNTS_DO_NOT_ADD_UP',
      message: `Government ${won(a.governmentKrw)} plus own ${won(a.ownKrw)} must equal the total ${won(a.totalCostKrw)}.`,
    });
  if (a.governmentKrw * 10_000n > a.totalCostKrw * BigInt(money.maxGovernmentRateBp))
    v.push({
      code: 'GOVERNMENT_SHARE_OVER_RATE',
      message: `The government share may be at most ${pct(money.maxGovernmentRateBp)} of the total: at most ${won(
        (a.totalCostKrw * BigInt(money.maxGovernmentRateBp)) / 10_000n,
      )} of ${won(a.totalCostKrw)}.`,
    });
  if (money.maxGovernmentKrw !== null && a.governmentKrw > BigInt(money.maxGovernmentKrw))
    v.push({
      code: 'GOVERNMENT_OVER_CAP',
      message: `The government share may be at most ${won(BigInt(money.maxGovernmentKrw))}; ${won(a.governmentKrw)} was asked.`,
    });
  if (a.ownCashKrw > a.ownKrw)
    v.push({
      code: 'CASH_OVER_OWN_SHARE',
      message: `The cash part ${won(a.ownCashKrw)} cannot exceed the own share ${won(a.ownKrw)}.`,
    });
  if (a.ownCashKrw * 10_000n < a.ownKrw * BigInt(money.minOwnCashOfOwnBp))
    v.push({
      code: 'CASH_UNDER_MINIMUM',
      message: `At least ${pct(money.minOwnCashOfOwnBp)} of the own share must be cash: at least ${won(
        (a.ownKrw * BigInt(money.minOwnCashOfOwnBp) + 9_999n) / 10_000n,
      )}.`,
    });
  if (a.endsOn < a.startsOn)
    v.push({
      code: 'PERIOD_INVALID',
      message: `endsOn ${a.endsOn} is before startsOn ${a.startsOn}.`,
    });
  else if (today !== undefined && a.endsOn < today)
    v.push({
      code: 'PERIOD_ENDED',
      message: `The period ended on ${a.endsOn}, before today (${today}); an agreement must still be running when it is signed.`,
    });
  else if (maxMonths !== null && !fitsInMonths(a.startsOn, a.endsOn, maxMonths))
    v.push({
      code: 'PERIOD_TOO_LONG',
      message: `The period may be at most ${maxMonths} months from ${a.startsOn}.`,
    });
  return v;
}
