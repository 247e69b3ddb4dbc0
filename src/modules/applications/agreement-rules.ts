// The pure rules (rules.ts), not index.ts: the web app checks its agreement form with this file.
import { fitsInMonths, type MoneyTerms } from '../programs/rules.js';
import { won, wonKo } from '../../platform/money/won.js';

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
  messageKo: string;
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
      messageKo: `정부지원금 ${wonKo(a.governmentKrw)}과 기업부담금 ${wonKo(a.ownKrw)}의 합이 총사업비 ${wonKo(a.totalCostKrw)}와 같아야 합니다.`,
    });
  if (a.governmentKrw * 10_000n > a.totalCostKrw * BigInt(money.maxGovernmentRateBp))
    v.push({
      code: 'GOVERNMENT_SHARE_OVER_RATE',
      message: `The government share may be at most ${pct(money.maxGovernmentRateBp)} of the total: at most ${won(
        (a.totalCostKrw * BigInt(money.maxGovernmentRateBp)) / 10_000n,
      )} of ${won(a.totalCostKrw)}.`,
      messageKo: `정부지원금은 총사업비의 ${pct(money.maxGovernmentRateBp)} 이내여야 합니다: 총사업비 ${wonKo(a.totalCostKrw)} 중 최대 ${wonKo(
        (a.totalCostKrw * BigInt(money.maxGovernmentRateBp)) / 10_000n,
      )}.`,
    });
  if (money.maxGovernmentKrw !== null && a.governmentKrw > BigInt(money.maxGovernmentKrw))
    v.push({
      code: 'GOVERNMENT_OVER_CAP',
      message: `The government share may be at most ${won(BigInt(money.maxGovernmentKrw))}; ${won(a.governmentKrw)} was asked.`,
      messageKo: `정부지원금은 최대 ${wonKo(BigInt(money.maxGovernmentKrw))}입니다. 요청액은 ${wonKo(a.governmentKrw)}입니다.`,
    });
  if (a.ownCashKrw > a.ownKrw)
    v.push({
      code: 'CASH_OVER_OWN_SHARE',
      message: `The cash part ${won(a.ownCashKrw)} cannot exceed the own share ${won(a.ownKrw)}.`,
      messageKo: `현금 부담분 ${wonKo(a.ownCashKrw)}은 기업부담금 ${wonKo(a.ownKrw)}보다 클 수 없습니다.`,
    });
  if (a.ownCashKrw * 10_000n < a.ownKrw * BigInt(money.minOwnCashOfOwnBp))
    v.push({
      code: 'CASH_UNDER_MINIMUM',
      message: `At least ${pct(money.minOwnCashOfOwnBp)} of the own share must be cash: at least ${won(
        (a.ownKrw * BigInt(money.minOwnCashOfOwnBp) + 9_999n) / 10_000n,
      )}.`,
      messageKo: `기업부담금의 ${pct(money.minOwnCashOfOwnBp)} 이상은 현금이어야 합니다: 최소 ${wonKo(
        (a.ownKrw * BigInt(money.minOwnCashOfOwnBp) + 9_999n) / 10_000n,
      )}.`,
    });
  if (a.endsOn < a.startsOn)
    v.push({
      code: 'PERIOD_INVALID',
      message: `endsOn ${a.endsOn} is before startsOn ${a.startsOn}.`,
      messageKo: `종료일(${a.endsOn})이 시작일(${a.startsOn})보다 앞섭니다.`,
    });
  else if (today !== undefined && a.endsOn < today)
    v.push({
      code: 'PERIOD_ENDED',
      message: `The period ended on ${a.endsOn}, before today (${today}); an agreement must still be running when it is signed.`,
      messageKo: `사업기간이 오늘(${today}) 이전인 ${a.endsOn}에 끝났습니다. 협약은 체결 시점에 진행 중이어야 합니다.`,
    });
  else if (maxMonths !== null && !fitsInMonths(a.startsOn, a.endsOn, maxMonths))
    v.push({
      code: 'PERIOD_TOO_LONG',
      message: `The period may be at most ${maxMonths} months from ${a.startsOn}.`,
      messageKo: `사업기간은 ${a.startsOn}부터 최대 ${maxMonths}개월입니다.`,
    });
  return v;
}
