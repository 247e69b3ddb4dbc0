import type {
  ColumnProfile,
  ScoreBreakdown,
  SpellingVariant,
  TimeSeriesProfile,
} from './report.types.js';

const WEIGHTS = { completeness: 35, uniqueness: 20, validity: 20, consistency: 15, order: 10 };

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const n = (x: number) => x.toLocaleString('en-US');

/**
 * A table's score 0-100: a weighted mean of completeness (cells present), uniqueness (rows not
 * repeated), validity (cells inside the declared schema), consistency (categorical values in their
 * most frequent spelling) and, for time series, order (rows in time order). Parts that do not apply
 * (no schema, no timestamp) drop out and the others are re-weighted.
 */
export function scoreTable(t: {
  rows: number;
  columns: ColumnProfile[];
  duplicateRows: number;
  spellingVariants: SpellingVariant[];
  timeSeries: TimeSeriesProfile | null;
}): ScoreBreakdown {
  const cells = t.rows * t.columns.length;
  const missing = t.columns.reduce((a, c) => a + c.missing, 0);
  const checked = t.columns.filter((c) => c.invalid !== null);
  const invalid = checked.reduce((a, c) => a + (c.invalid ?? 0), 0);
  const categorical = new Set(t.spellingVariants.map((v) => v.column)).size;
  const variantRows = t.spellingVariants.reduce((a, v) => a + v.rows, 0);
  const textColumns = t.columns.filter((c) => c.type === 'VARCHAR').length;

  const parts: ScoreBreakdown['parts'] = [];
  const ratio = (bad: number, all: number) => (all > 0 ? Math.max(0, 1 - bad / all) : 1);
  parts.push({
    name: 'completeness',
    weight: WEIGHTS.completeness,
    value: ratio(missing, cells),
    explanation: `${n(missing)} of ${n(cells)} cells missing`,
    explanationKo: `전체 ${n(cells)}칸 중 ${n(missing)}칸이 비어 있음`,
  });
  parts.push({
    name: 'uniqueness',
    weight: WEIGHTS.uniqueness,
    value: ratio(t.duplicateRows, t.rows),
    explanation: `${n(t.duplicateRows)} of ${n(t.rows)} rows repeat another row`,
    explanationKo: `${n(t.rows)}행 중 ${n(t.duplicateRows)}행이 다른 행과 같음`,
  });
  if (checked.length)
    parts.push({
      name: 'validity',
      weight: WEIGHTS.validity,
      value: ratio(invalid, t.rows * checked.length),
      explanation: `${n(invalid)} of ${n(t.rows * checked.length)} checked cells outside the declared schema`,
      explanationKo: `검사한 ${n(t.rows * checked.length)}칸 중 ${n(invalid)}칸이 선언한 스키마를 벗어남`,
    });
  if (textColumns)
    parts.push({
      name: 'consistency',
      weight: WEIGHTS.consistency,
      value: ratio(variantRows, t.rows * textColumns),
      explanation: categorical
        ? `${n(variantRows)} values in ${categorical} column(s) use a minority spelling`
        : 'no categorical values differ only in case or spaces',
      explanationKo: categorical
        ? `${categorical}개 열의 값 ${n(variantRows)}개가 덜 쓰이는 표기를 씀`
        : '대소문자나 공백만 다른 범주 값이 없음',
    });
  if (t.timeSeries)
    parts.push({
      name: 'order',
      weight: WEIGHTS.order,
      value: ratio(t.timeSeries.outOfOrder, t.rows),
      explanation: `${n(t.timeSeries.outOfOrder)} rows earlier than the row before (${t.timeSeries.column})`,
      explanationKo: `${n(t.timeSeries.outOfOrder)}행이 바로 앞 행보다 이른 시각 (${t.timeSeries.column})`,
    });
  const weight = parts.reduce((a, p) => a + p.weight, 0);
  const score =
    Math.round((parts.reduce((a, p) => a + p.weight * p.value, 0) / weight) * 1000) / 10;
  return {
    score,
    parts,
    formula: `score = 100 x sum(weight x value) / sum(weight) over ${parts.map((p) => `${p.name} ${pct(p.value)} (weight ${p.weight})`).join(', ')}`,
  };
}

/** The version's score: the row-weighted mean of its tables' scores; null when it has no table. */
export function overallScore(
  files: { rows: number | null; score: ScoreBreakdown | null }[],
): number | null {
  const tables = files.filter((f) => f.score && f.rows !== null);
  const rows = tables.reduce((a, f) => a + Math.max(f.rows!, 1), 0);
  if (!rows) return null;
  return (
    Math.round(
      (tables.reduce((a, f) => a + f.score!.score * Math.max(f.rows!, 1), 0) / rows) * 10,
    ) / 10
  );
}
