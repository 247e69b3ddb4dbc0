import { appendFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { type Answer, Contract } from './contract.js';

/**
 * Every answer a suite receives through supertest is checked against openapi.json: a status the
 * operation does not declare, or a body that does not match, fails the request's test at once.
 * What was checked goes to contract.jsonl for the run's closing "Contract:" line.
 */

type Assert = (this: AssertingTest, err: unknown, res: AnswerLike | undefined, fn?: Done) => void;
type Done = (err: unknown, res: unknown) => void;
interface AnswerLike {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
  text?: string;
}
interface AssertingTest {
  method: string;
  url: string;
}

let contract: Contract | undefined;
const seen = {
  answers: 0,
  operations: new Set<string>(),
  statuses: new Set<string>(),
  unmatched: 0,
};
const mismatches: string[] = [];

const TestClass = (request as unknown as { Test: { prototype: { assert: Assert } } }).Test;
const original = TestClass.prototype.assert;
TestClass.prototype.assert = function (this: AssertingTest, err, res, fn) {
  if (!res) return original.call(this, err, res, fn);
  contract ??= Contract.load();
  const answer: Answer = {
    method: this.method,
    url: this.url,
    status: res.status,
    contentType: res.headers['content-type'],
    body: jsonBody(res),
  };
  const verdict = contract.check(answer);
  seen.answers++;
  if (verdict.operation) {
    seen.operations.add(verdict.operation);
    seen.statuses.add(`${verdict.operation} ${answer.status}`);
  } else seen.unmatched++;
  if (process.env.CONTRACT_DUMP)
    appendFileSync(
      process.env.CONTRACT_DUMP,
      `${JSON.stringify({ op: verdict.operation, status: answer.status, problem: verdict.problem, body: answer.body })}\n`,
    );
  if (!verdict.problem || process.env.CONTRACT_DUMP) return original.call(this, err, res, fn);
  const where = `${answer.method} ${new URL(answer.url).pathname}`;
  mismatches.push(`${verdict.operation ?? where}: ${verdict.problem}`);
  const error = new Error(
    `The answer to ${where} breaks the OpenAPI contract (${verdict.operation ?? 'no operation'}): ${verdict.problem}\nbody: ${JSON.stringify(answer.body)?.slice(0, 500)}`,
  );
  if (fn) fn.call(this, error, res);
};

function jsonBody(res: AnswerLike): unknown {
  const type = res.headers['content-type'] ?? '';
  if (Buffer.isBuffer(res.body) && type.includes('json')) {
    try {
      return JSON.parse(res.body.toString('utf8'));
    } catch {
      return res.body;
    }
  }
  return res.body;
}

afterAll(() => {
  const dir = process.env.TEST_TMP_DIR;
  if (!dir || seen.answers === 0) return;
  appendFileSync(
    path.join(dir, 'contract.jsonl'),
    `${JSON.stringify({
      suite: path.basename(expect.getState().testPath ?? ''),
      answers: seen.answers,
      unmatched: seen.unmatched,
      operations: [...seen.operations],
      statuses: [...seen.statuses],
      mismatches,
      documented: contract?.operations().length ?? 0,
    })}\n`,
  );
});
