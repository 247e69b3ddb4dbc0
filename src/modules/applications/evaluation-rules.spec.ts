import { defaultTerms } from '../programs/index.js';
import { readSheet } from './evaluation-rules.js';

const scored = defaultTerms('PROCESSING_SUPPORT');
const pool = defaultTerms('PROCESSOR_POOL');
const allItems = (passed: boolean) =>
  pool.checklist.map((c) => ({ item: c.key, passed, comment: '확인함' }));

describe('score sheets', () => {
  it('takes a total score', () => {
    expect(readSheet(scored, { score: 82 })).toEqual({
      sheet: { kind: 'scored', score: 82, scores: null },
      problems: [],
    });
  });

  it('adds up points per criterion, each at most its weight', () => {
    const scores = [
      { criterion: 'data', points: 25 },
      { criterion: 'plan', points: 27 },
      { criterion: 'market', points: 20 },
      { criterion: 'capacity', points: 10 },
    ];
    expect(readSheet(scored, { scores }).sheet).toEqual({ kind: 'scored', score: 82, scores });
    expect(readSheet(scored, { scores, score: 80 }).problems).toEqual([
      'score 80 is not the sum of the scores (82)',
    ]);
    const over = scores.map((s) => (s.criterion === 'capacity' ? { ...s, points: 16 } : s));
    expect(readSheet(scored, { scores: over }).problems).toEqual([
      'capacity is worth at most 15 points, not 16',
    ]);
    expect(readSheet(scored, { scores: scores.slice(1) }).problems).toEqual(['scores miss data']);
  });

  it('refuses a checklist on a scored call and an empty sheet', () => {
    expect(readSheet(scored, { passed: true }).problems).toHaveLength(2);
    expect(readSheet(scored, {}).problems).toEqual(['send score (0-100) or scores per criterion']);
  });
});

describe('pool checklists', () => {
  it('passes when every item passes', () => {
    expect(readSheet(pool, { checklist: allItems(true) }).sheet).toMatchObject({
      kind: 'checklist',
      passed: true,
    });
    const oneFails = allItems(true).map((c, i) => (i === 2 ? { ...c, passed: false } : c));
    expect(readSheet(pool, { checklist: oneFails }).sheet).toMatchObject({ passed: false });
    expect(readSheet(pool, { passed: true }).sheet).toEqual({
      kind: 'checklist',
      passed: true,
      checklist: null,
    });
  });

  it('needs every item, once, and agrees with passed', () => {
    expect(readSheet(pool, { checklist: allItems(true).slice(1) }).problems).toEqual([
      'the checklist misses staff',
    ]);
    expect(readSheet(pool, { checklist: allItems(false), passed: true }).problems).toEqual([
      'passed is true but the checklist says false',
    ]);
    expect(readSheet(pool, { score: 90 }).problems[0]).toMatch(/pass\/fail/);
  });
});
