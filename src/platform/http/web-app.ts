import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { API_PREFIX, OUTSIDE_PREFIX } from './api-prefix.js';

const API_PATH = new RegExp(`^/(${[API_PREFIX, ...OUTSIDE_PREFIX].join('|')})(/|$|\\?)`);

/** Outside /api, what is neither a page nor an asset: a 404 in the API's error shape. */
function notFound(req: Request, res: Response) {
  res.status(404).json({
    statusCode: 404,
    code: 'NOT_FOUND',
    message: `There is no page or asset ${req.method} ${req.path}; the API is under /${API_PREFIX} (see /${API_PREFIX}/docs).`,
    messageKo: `${req.path}에 해당하는 페이지가 없습니다. API는 /${API_PREFIX} 아래에 있습니다.`,
  });
}

/**
 * Serves the built web app (vite build's output) from the API's origin: its hashed assets for a
 * year, and index.html for every other GET outside /api, so the app's own router answers a
 * deep link. When the app has not been built (API-only tests, a server without the app), those
 * paths answer 404 in the error shape, as a write outside /api always does.
 */
export function serveWebApp(app: INestApplication, dir: string): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    app.use((req: Request, res: Response, next: NextFunction) =>
      API_PATH.test(req.path) ? next() : notFound(req, res),
    );
    return false;
  }
  const assets = express.static(dir, {
    index: false,
    setHeaders: (res, file) => {
      res.setHeader(
        'Cache-Control',
        file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATH.test(req.path)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(req, res);
    assets(req, res, () => {
      // A missing asset is a 404, not the app: a stale tab asking for an old bundle must fail.
      if (req.path.startsWith('/assets/')) return notFound(req, res);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
