import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export interface DomainErrorOptions {
  /** The same message in Korean; defaults to the code's generic Korean message. */
  messageKo?: string;
  details?: unknown;
  /** Extra response headers, for example Retry-After. */
  headers?: Record<string, string>;
}

/**
 * A refusal the caller can act on. Thrown anywhere in a use case; the exception filter turns it
 * into `{ statusCode, code, message, messageKo, details? }` with the code's HTTP status.
 */
export class DomainError extends Error {
  readonly messageKo: string;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;
  /**
   * The code's HTTP status. A plain property, not a getter: middleware such as body-parser sets
   * `status` on the errors that pass through it.
   */
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.messageKo = options.messageKo ?? ERROR_CODES[code].ko;
    this.details = options.details;
    this.headers = options.headers;
    this.status = ERROR_CODES[code].status;
  }
}

export const notFound = (what: string, id: string, messageKo?: string) =>
  new DomainError('NOT_FOUND', `${what} ${id} was not found.`, { messageKo });
