import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from './domain-error.js';
import { ERROR_CODES, type ErrorCode } from './error-codes.js';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  messageKo?: string;
  details?: unknown;
  requestId?: string;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** PostgreSQL or driver failures that mean "the database is not reachable right now". */
function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (
    e.code &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      '57P01',
      '57P03',
      '08006',
      '08001',
      '08003',
    ].includes(e.code)
  )
    return true;
  return /Connection terminated|timeout exceeded when trying to connect/i.test(e.message ?? '');
}

/**
 * PostgreSQL's "data exception" class (22xxx: a number out of range, text it cannot store, a
 * malformed value): input a validator should have caught. A safety net, so it is still a 400
 * (the transaction was rolled back, nothing changed), and logged so the validator gets fixed.
 */
function isDataException(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** The one place that turns anything thrown into the API's error shape. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const requestId = String(req.id ?? '');
    const body = this.toBody(exception, req, requestId);
    if (exception instanceof DomainError && exception.headers)
      for (const [k, v] of Object.entries(exception.headers)) res.setHeader(k, v);
    // RFC 6750: a 401 names the scheme, and says when the token sent was the problem.
    if (body.statusCode === 401 && !res.headersSent)
      res.setHeader(
        'WWW-Authenticate',
        req.headers?.authorization
          ? `Bearer realm="exchange", error="invalid_token"`
          : `Bearer realm="exchange"`,
      );
    if (res.headersSent) return;
    // Explicitly JSON: a route that answers CSV has set its Content-Type before it failed.
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        messageKo: exception.messageKo,
        ...(exception.details !== undefined && { details: exception.details }),
      };
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception, req);
    const parsed = this.fromParserError((exception as { type?: string } | undefined)?.type);
    if (parsed) return parsed;
    if (isDataException(exception)) {
      this.logger.warn({ requestId, err: exception }, 'input the database refused');
      return this.simple(
        'VALIDATION_FAILED',
        'A value in the request is out of range or not valid text for its field; check the numbers and the text you sent.',
      );
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ requestId, err: exception }, 'database unavailable');
      return this.simple(
        'SERVICE_UNAVAILABLE',
        'The database is not reachable right now; try again in a few seconds.',
      );
    }
    this.logger.error({ requestId, err: exception }, 'unexpected error');
    return {
      ...this.simple(
        'INTERNAL_ERROR',
        `Something went wrong on our side. Quote request id ${requestId} if you contact support.`,
      ),
      requestId,
    };
  }

  private fromHttpException(exception: HttpException, req: Request): ErrorBody {
    const status = exception.getStatus();
    const response = exception.getResponse() as {
      message?: unknown;
      code?: ErrorCode;
      details?: unknown;
    };
    // Body parser errors reach Nest wrapped as HttpExceptions in some versions.
    const parsed = this.fromParserError((exception as { cause?: { type?: string } }).cause?.type);
    if (parsed) return parsed;
    if (
      status === 404 &&
      exception.constructor.name === 'NotFoundException' &&
      /^Cannot /.test(String(response.message))
    )
      return this.simple(
        'NOT_FOUND',
        `There is no route ${req.method} ${req.originalUrl.split('?')[0]}. See /api/docs for the API.`,
      );
    if (exception instanceof BadRequestException && response.code === 'VALIDATION_FAILED')
      return {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: String(response.message),
        messageKo: ERROR_CODES.VALIDATION_FAILED.ko,
        details: response.details,
      };
    const code =
      response.code ?? STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'CONFLICT');
    const message = Array.isArray(response.message)
      ? response.message.join('; ')
      : String(response.message ?? exception.message);
    return { statusCode: status, code, message, messageKo: ERROR_CODES[code]?.ko };
  }

  /** body-parser's refusals (its error `type`), in the API's words; undefined for anything else. */
  private fromParserError(type: string | undefined): ErrorBody | undefined {
    if (type === 'entity.parse.failed')
      return this.simple(
        'MALFORMED_JSON',
        'The request body is not valid JSON: check quotes, commas and brackets.',
      );
    if (type === 'entity.too.large')
      return this.simple(
        'PAYLOAD_TOO_LARGE',
        'The request body is larger than the server accepts.',
      );
    return undefined;
  }

  private simple(code: ErrorCode, message: string): ErrorBody {
    return { statusCode: ERROR_CODES[code].status, code, message, messageKo: ERROR_CODES[code].ko };
  }
}
