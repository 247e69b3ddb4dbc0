import type { ColumnProfile } from './report.types.js';
import { overallScore, scoreTable } from './scoring.js';

const col = (
  name: string,
  missing = 0,
  type = 'BIGINT',
  invalid: number | null = null,
): ColumnProfile => ({
  name,
  type,
  missing,
  distinct: 10,
  min: null,
  max: null,
  mean: null,
  invalid,
});

describe('quality score', () => {
  it('is 100 for a clean numeric table', () => {
    expect(
      scoreTable({
        rows: 100,
        columns: [col('a'), col('b')],
        duplicateRows: 0,
        spellingVariants: [],
        timeSeries: null,
      }).score,
    ).toBe(100);
  });

  it('weighs missing cells and repeated rows', () => {
    // completeness 1 - 50/200 = 0.75 (35), uniqueness 1 - 10/100 = 0.9 (20): (26.25 + 18) / 55
    const s = scoreTable({
      rows: 100,
      columns: [col('a', 50), col('b')],
      duplicateRows: 10,
      spellingVariants: [],
      timeSeries: null,
    });
    expect(s.score).toBe(80.5);
    expect(s.parts.map((p) => p.name)).toEqual(['completeness', 'uniqueness']);
    expect(s.formula).toContain('completeness 75%');
    expect(s.parts.map((p) => p.explanationKo)).toEqual([
      '전체 200칸 중 50칸이 비어 있음',
      '100행 중 10행이 다른 행과 같음',
    ]);
  });

  it('counts schema validity, spelling variants and time order only where they apply', () => {
    const s = scoreTable({
      rows: 100,
      columns: [col('t', 0, 'TIMESTAMP'), col('tag', 0, 'VARCHAR', 0), col('v', 0, 'DOUBLE', 20)],
      duplicateRows: 0,
      spellingVariants: [{ column: 'tag', spellings: ['OK', 'ok', 'Ok '], rows: 5 }],
      timeSeries: {
        column: 't',
        format: null,
        first: null,
        last: null,
        outOfOrder: 10,
        repeated: 0,
        medianIntervalSeconds: 60,
        gaps: 0,
        largestGapSeconds: 60,
      },
    });
    expect(s.parts.map((p) => [p.name, p.value])).toEqual([
      ['completeness', 1],
      ['uniqueness', 1],
      ['validity', 0.9],
      ['consistency', 0.95],
      ['order', 0.9],
    ]);
    expect(s.score).toBe(96.3);
  });

  it('averages tables by rows, ignoring files that are not tables', () => {
    const score = (n: number) => ({ score: n, parts: [], formula: '' });
    expect(
      overallScore([
        { rows: 300, score: score(90) },
        { rows: 100, score: score(50) },
        { rows: null, score: null },
      ]),
    ).toBe(80);
    expect(overallScore([{ rows: null, score: null }])).toBeNull();
  });
});
