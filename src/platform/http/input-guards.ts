import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';

/** Deeper than any body this API takes (its plans nest 3 levels); far below a stack overflow. */
export const MAX_JSON_DEPTH = 32;

/**
 * body-parser's `verify` hook: refuses JSON nested deeper than MAX_JSON_DEPTH before it is
 * parsed, by one pass over the bytes (brackets inside strings do not count). Without it, a body
 * of 480,000 `[` costs JSON.parse about a second of CPU and then a RangeError.
 */
export function refuseDeepJson(body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === 0x5c)
        i++; // a backslash: skip what it escapes
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > MAX_JSON_DEPTH)
        throw new DomainError(
          'VALIDATION_FAILED',
          `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; no request of this API needs that.`,
          {
            messageKo: `JSON 본문의 중첩이 ${MAX_JSON_DEPTH}단계를 넘습니다.`,
            details: [
              { field: 'body', problems: [`nested more than ${MAX_JSON_DEPTH} levels deep`] },
            ],
          },
        );
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a request body that is not JSON (a form, plain text) with 415, instead of reading it
 * as an empty body and answering that every field is missing. Bodies of no length pass.
 */
export function refuseNonJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.is(['application/json', '+json'])) return next();
  next(
    new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      `This API reads JSON bodies; send "Content-Type: application/json", not "${String(req.headers['content-type'] ?? 'none').slice(0, 80)}".`,
    ),
  );
}

/** What is wrong with a string no field of this API may hold, or undefined. */
function stringProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (not valid Unicode text)';
  return undefined;
}

/** The first string in a parsed value (keys included) that no field may hold, with its path. */
function findBadString(
  value: unknown,
  path: string,
): { field: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    return problem ? { field: path || 'body', problem } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const keyProblem = stringProblem(key);
    if (keyProblem) return { field, problem: `its name ${keyProblem}` };
    const found = findBadString(child, field);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses a NUL or a lone surrogate anywhere in the query string or the JSON body, naming the
 * field, before any code sees it: PostgreSQL cannot store either in text, so without this such a
 * string reached the database and answered 500.
 */
export function refuseUnstorableStrings(req: Request, _res: Response, next: NextFunction): void {
  const found =
    findBadString(req.query, '') ??
    (req.body !== undefined ? findBadString(req.body, '') : undefined) ??
    (stringProblem(safeDecode(req.path))
      ? { field: 'path', problem: 'contains a NUL character' }
      : undefined);
  if (!found) return next();
  next(
    new DomainError(
      'VALIDATION_FAILED',
      `${found.field} ${found.problem}; remove it and send again.`,
      {
        messageKo: `${found.field} 값에 저장할 수 없는 문자(NUL 또는 잘못된 유니코드)가 있습니다.`,
        details: [{ field: found.field, problems: [found.problem] }],
      },
    ),
  );
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
