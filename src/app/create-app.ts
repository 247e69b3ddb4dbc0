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
import { API_PREFIX, OUTSIDE_PREFIX } from '../platform/http/api-prefix.js';
import { serveWebApp } from '../platform/http/web-app.js';
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

/** GET /api/health is GET /health: the one route that answers outside the prefix, and inside it. */
function healthUnderPrefix(req: Request, _res: Response, next: NextFunction) {
  if (req.url === `/${API_PREFIX}/health` || req.url.startsWith(`/${API_PREFIX}/health?`))
    req.url = req.url.slice(API_PREFIX.length + 1);
  next();
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
 * for the API, its /api/docs page and the web app: scripts, styles and images from this origin
 * (inline styles and data: icons allowed; WebAssembly for the upload hasher), never framed by
 * another site. The uploader may reach the storage endpoint. The card step may reach Stripe (js.stripe.com, api.stripe.com) or, locally, the
 * emulator's origin. No upgrade-insecure-requests: the local service is plain HTTP.
 */
function securityHeaders(config: AppConfig) {
  const stripe =
    config.stripe.mode === 'emulator'
      ? { script: [], connect: [`http://127.0.0.1:${config.stripe.emulatorPort}`], frame: [] }
      : {
          script: ['https://js.stripe.com'],
          connect: ['https://api.stripe.com'],
          frame: ['https://js.stripe.com', 'https://hooks.stripe.com'],
        };
  // The web uploader PUTs parts straight to storage (presigned URLs), so the page may reach it.
  const storage = config.storage.endpoint
    ? [new URL(config.storage.endpoint).origin]
    : [
        `https://${config.storage.bucket}.s3.${config.storage.region}.amazonaws.com`,
        `https://s3.${config.storage.region}.amazonaws.com`,
      ];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", "'wasm-unsafe-eval'", ...stripe.script],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...storage, ...stripe.connect],
        'worker-src': ["'self'", 'blob:'],
        'frame-src': stripe.frame.length ? stripe.frame : ["'none'"],
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
  app.use(securityHeaders(config));
  // Tokens and who is signed in: never kept by a browser or a proxy.
  app.setGlobalPrefix(API_PREFIX, { exclude: OUTSIDE_PREFIX });
  app.use(healthUnderPrefix);
  app.use(
    [`/${API_PREFIX}/auth`, `/${API_PREFIX}/me`],
    (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
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
  await serveWebApp(app, config.webDir);
  return app;
}
