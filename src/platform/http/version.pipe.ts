import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';

/** The largest version number a column of PostgreSQL's `integer` holds. */
const MAX_VERSION = 2_147_483_647;

/** A version number in a path: a whole number from 1 to 2^31 - 1, or a 400 naming the parameter. */
@Injectable()
export class ParseVersionPipe implements PipeTransform<unknown, number> {
  /** `value` is the path's text, or already a number when the global pipe converted it. */
  transform(value: unknown): number {
    const text = String(value);
    const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_VERSION)
      throw new DomainError(
        'VALIDATION_FAILED',
        `version must be a whole number from 1 to ${MAX_VERSION}, not "${text.slice(0, 40)}".`,
        { details: [{ field: 'version', problems: ['must be a whole number from 1'] }] },
      );
    return n;
  }
}
