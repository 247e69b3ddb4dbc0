import { won, wonKo } from '../../platform/money/won.js';
import { DATA_TYPE_NAMES, type DataType } from '../datasets/index.js';

/** What a month of data of each type is worth at the reference volume (10,000 rows), in won. */
export const BASE_PRICE_KRW: Record<DataType, bigint> = {
  SENSOR_TIME_SERIES: 2_000_000n,
  TABULAR: 1_500_000n,
  IMAGE: 3_000_000n,
  TEXT: 1_000_000n,
  OTHER: 1_000_000n,
};
const REFERENCE_ROWS = 10_000;

export interface GuideInput {
  dataType: DataType;
  rows: number;
  sizeBytes: number;
  qualityScore: number;
  comparables: { productId: string; title: string; priceKrw: bigint; rows: number | null }[];
}

export interface PricingGuide {
  suggestedPriceKrw: bigint;
  explanation: string;
  explanationKo: string;
  inputs: {
    dataType: DataType;
    rows: number;
    sizeBytes: number;
    qualityScore: number;
    basePriceKrw: bigint;
    volumeFactorBp: number;
    qualityFactorBp: number;
    formulaPriceKrw: bigint;
    comparableMedianKrw: bigint | null;
    comparables: { productId: string; title: string; priceKrw: bigint; rows: number | null }[];
  };
}

/** Rounds to the nearest 10,000 won, never below 10,000. */
function round10k(krw: bigint): bigint {
  const r = ((krw + 5_000n) / 10_000n) * 10_000n;
  return r < 10_000n ? 10_000n : r;
}

function median(values: bigint[]): bigint | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2n;
}

/**
 * 가격산정: a suggested price from volume, quality, data type and comparable listed products.
 * formula = base(type) x volume factor x quality factor, where the volume factor is
 * 1 + 0.5 x log10(rows / 10,000), kept between 0.5 and 3, and the quality factor is
 * 0.5 + score / 200 (0.5 at 0, 1.0 at 100). With three or more comparables the suggestion is
 * the mean of the formula and the comparables' median; factors are basis points, money is integer.
 */
export function pricingGuide(input: GuideInput): PricingGuide {
  const volume = Math.min(
    3,
    Math.max(0.5, 1 + 0.5 * Math.log10(Math.max(input.rows, 1) / REFERENCE_ROWS)),
  );
  const volumeFactorBp = Math.round(volume * 10_000);
  const qualityFactorBp = Math.round(
    (0.5 + Math.max(0, Math.min(100, input.qualityScore)) / 200) * 10_000,
  );
  const basePriceKrw = BASE_PRICE_KRW[input.dataType];
  const formulaPriceKrw =
    (basePriceKrw * BigInt(volumeFactorBp) * BigInt(qualityFactorBp)) / 100_000_000n;
  const comparableMedianKrw =
    input.comparables.length >= 3 ? median(input.comparables.map((c) => c.priceKrw)) : null;
  const blended =
    comparableMedianKrw === null ? formulaPriceKrw : (formulaPriceKrw + comparableMedianKrw) / 2n;
  const suggestedPriceKrw = round10k(blended);
  const explanation =
    `${won(basePriceKrw)} for ${DATA_TYPE_NAMES[input.dataType][1]} x volume ${volumeFactorBp / 10_000} (${input.rows.toLocaleString('en-US')} rows)` +
    ` x quality ${qualityFactorBp / 10_000} (score ${input.qualityScore}) = ${won(formulaPriceKrw)}` +
    (comparableMedianKrw === null
      ? `; ${input.comparables.length} comparable listed product(s), fewer than 3, so the formula alone counts`
      : `; averaged with the median ${won(comparableMedianKrw)} of ${input.comparables.length} comparable listed products`) +
    `; rounded to ${won(suggestedPriceKrw)}. The seller decides the price.`;
  const explanationKo =
    `${DATA_TYPE_NAMES[input.dataType][0]} 기준가 ${wonKo(basePriceKrw)} x 규모 ${volumeFactorBp / 10_000} (${input.rows.toLocaleString('en-US')}행)` +
    ` x 품질 ${qualityFactorBp / 10_000} (점수 ${input.qualityScore}) = ${wonKo(formulaPriceKrw)}` +
    (comparableMedianKrw === null
      ? `; 비교할 등록 상품이 ${input.comparables.length}개로 3개보다 적어 공식만 반영`
      : `; 비교 등록 상품 ${input.comparables.length}개의 중앙값 ${wonKo(comparableMedianKrw)}과 평균`) +
    `; 만 원 단위로 반올림해 ${wonKo(suggestedPriceKrw)}. 가격은 판매자가 정합니다.`;
  return {
    suggestedPriceKrw,
    explanation,
    explanationKo,
    inputs: {
      ...input,
      basePriceKrw,
      volumeFactorBp,
      qualityFactorBp,
      formulaPriceKrw,
      comparableMedianKrw,
    },
  };
}
