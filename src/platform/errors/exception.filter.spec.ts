import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { AllExceptionsFilter } from './exception.filter.js';

function run(exception: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } =
    { headers: {} };
  const res = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
    setHeader(k: string, v: string) {
      sent.headers[k] = v;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: 'req-1', method: 'GET', path: '/x' }),
      getResponse: () => res,
    }),
  };
  const filter = new AllExceptionsFilter();
  (filter as unknown as { logger: { error: () => void; warn: () => void } }).logger = {
    error: () => undefined,
    warn: () => undefined,
  };
  filter.catch(exception, host as never);
  return sent;
}

describe('AllExceptionsFilter', () => {
  it('maps a DomainError to its status, code, messages and headers', () => {
    const out = run(
      new DomainError('RATE_LIMITED', 'slow down', {
        headers: { 'Retry-After': '9' },
        details: { a: 1 },
      }),
    );
    expect(out.status).toBe(429);
    expect(out.body).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: 'slow down',
      messageKo: expect.any(String),
      details: { a: 1 },
    });
    expect(out.headers['Retry-After']).toBe('9');
  });

  it('answers an unexpected error with 500 and no internals, only the request id', () => {
    const out = run(new Error('password=hunter2 at /srv/app/secret.ts:12'));
    expect(out.status).toBe(500);
    expect(out.body).toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'req-1' });
    expect(JSON.stringify(out.body)).not.toMatch(/hunter2|secret\.ts|stack/);
  });

  it('answers a lost database connection with 503', () => {
    const out = run(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
    expect(out.status).toBe(503);
    expect(out.body?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('keeps Nest exceptions in the same shape', () => {
    expect(run(new NotFoundException('Organization gone')).body).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Organization gone',
    });
    expect(run(new BadRequestException('Validation failed (uuid is expected)')).body).toMatchObject(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
      },
    );
  });
});
