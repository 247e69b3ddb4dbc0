import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import type { AppConfig } from '../platform/config/config.js';
import { requestContext } from '../platform/context/request-context.js';
import { AllExceptionsFilter } from '../platform/errors/exception.filter.js';
import { createValidationPipe } from '../platform/errors/validation.js';
import { QuietBootLogger } from '../platform/logging/quiet-logger.js';
import { serveOpenApi } from '../platform/openapi/openapi.js';
import { installBigIntJson } from '../platform/http/bigint-json.js';
import {
  refuseDeepJson,
  refuseNonJsonBodies,
  refuseUnstorableStrings,
} from '../platform/http/input-guards.js';

interface JsonParserHost {
  useBodyParser(
    type: 'json',
    rawBody: boolean,
    options: { limit: string; verify: (req: unknown, res: unknown, body: Buffer) => void },
  ): void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id (a sane X-Request-Id from the caller is kept) and a context. */
function requestIdMiddleware(req: Request, res: Response, next: NextFunction) {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  (req as Request & { id: string }).id = id;
  res.setHeader('X-Request-Id', id);
  requestContext.run({ requestId: id, ip: req.ip }, next);
}

/**
 * helmet's headers (nosniff, referrer policy, HSTS over HTTPS, ...) with a Content-Security-Policy
 * fit for a JSON API and its /docs page: scripts, styles and images from this origin only (Swagger
 * UI's inline styles and data: icons allowed), never framed by another site. No
 * upgrade-insecure-requests: the local service is plain HTTP.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
}

/** Builds the HTTP application exactly as it serves: used by main.ts and by the tests. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  installBigIntJson();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
    rawBody: true,
  });
  app.useLogger(await app.resolve(QuietBootLogger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(securityHeaders());
  // Tokens and who is signed in: never kept by a browser or a proxy.
  app.use(['/auth', '/me'], (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(refuseNonJsonBodies);
  // JSON bodies, kept raw too (Stripe signs the raw bytes), refused when nested too deep before
  // they are parsed. Through the adapter: Nest's own rawBody option would replace this verify.
  (app.getHttpAdapter() as unknown as JsonParserHost).useBodyParser('json', false, {
    limit: config.http.bodyLimit,
    verify: (req, _res, body) => {
      refuseDeepJson(body);
      (req as { rawBody?: Buffer }).rawBody = body;
    },
  });
  app.use(refuseUnstorableStrings);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  serveOpenApi(app);
  return app;
}
