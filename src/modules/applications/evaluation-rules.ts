import type { ProgramTerms } from '../programs/index.js';
import type { ChecklistAnswer, CriterionScore } from './evaluation.entity.js';

export interface EvaluationInput {
  score?: number;
  scores?: CriterionScore[];
  passed?: boolean;
  checklist?: ChecklistAnswer[];
}

export type EvaluationSheet =
  | { kind: 'scored'; score: number; scores: CriterionScore[] | null }
  | { kind: 'checklist'; passed: boolean; checklist: ChecklistAnswer[] | null };

/** Checks a sheet against the call's criteria or checklist; returns it normalised, or the problems. */
export function readSheet(
  terms: ProgramTerms,
  input: EvaluationInput,
): { sheet?: EvaluationSheet; problems: string[] } {
  const problems: string[] = [];
  if (terms.selection === 'ABSOLUTE') {
    if (input.score !== undefined || input.scores)
      problems.push('this call is evaluated pass/fail: send passed or checklist, not scores');
    if (input.passed === undefined && !input.checklist)
      problems.push('send passed (true or false) or the checklist');
    let passed = input.passed;
    if (input.checklist) {
      const expected = terms.checklist.map((c) => c.key);
      const given = input.checklist.map((c) => c.item);
      const missing = expected.filter((k) => !given.includes(k));
      const unknown = given.filter((k) => !expected.includes(k));
      if (missing.length) problems.push(`the checklist misses ${missing.join(', ')}`);
      if (unknown.length) problems.push(`the call has no checklist item ${unknown.join(', ')}`);
      if (new Set(given).size !== given.length)
        problems.push('each checklist item may be answered once');
      const all = input.checklist.every((c) => c.passed);
      if (passed !== undefined && passed !== all)
        problems.push(`passed is ${passed} but the checklist says ${all}`);
      passed = all;
    }
    return problems.length
      ? { problems }
      : {
          sheet: { kind: 'checklist', passed: passed!, checklist: input.checklist ?? null },
          problems,
        };
  }
  if (input.passed !== undefined || input.checklist)
    problems.push('this call is scored: send score or scores, not a checklist');
  if (input.score === undefined && !input.scores)
    problems.push('send score (0-100) or scores per criterion');
  let score = input.score;
  if (input.scores) {
    const weights = new Map(terms.criteria.map((c) => [c.key, c.weight]));
    const given = input.scores.map((s) => s.criterion);
    const missing = terms.criteria.map((c) => c.key).filter((k) => !given.includes(k));
    if (missing.length) problems.push(`scores miss ${missing.join(', ')}`);
    for (const s of input.scores) {
      const weight = weights.get(s.criterion);
      if (weight === undefined) problems.push(`the call has no criterion ${s.criterion}`);
      else if (s.points > weight)
        problems.push(`${s.criterion} is worth at most ${weight} points, not ${s.points}`);
    }
    if (new Set(given).size !== given.length) problems.push('each criterion may be scored once');
    const total = input.scores.reduce((a, s) => a + s.points, 0);
    if (score !== undefined && score !== total)
      problems.push(`score ${score} is not the sum of the scores (${total})`);
    score = total;
  }
  return problems.length
    ? { problems }
    : { sheet: { kind: 'scored', score: score!, scores: input.scores ?? null }, problems };
}
