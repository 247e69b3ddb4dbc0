import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type INestApplication, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
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

/** The catalog's server renderer, as src/web/entry-server.tsx exports it. */
interface CatalogRenderer {
  renderCatalog(
    url: URL,
    origin: string,
    lang: 'ko' | 'en',
    headers: Record<string, string>,
  ): Promise<{ html: string; state: string } | null>;
}

const ROOT = '<div id="root"></div>';

/** `http://host:port` of the address this request came in on: the API, from inside the server. */
function ownOrigin(req: Request): string {
  const host = req.socket.localAddress ?? '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${req.socket.localPort}`;
}

/**
 * The front page, the catalog, drawn here (its first results, filters and a search box that works
 * before any script has run), in the reader's language (the app's `mdx.lang` cookie). The page's
 * head goes out at once, so the browser fetches the app's script and styles while the catalog is
 * drawn. When it cannot be drawn, the app's empty root follows instead, and the browser draws it,
 * as for every other path.
 */
function catalogPage(renderer: CatalogRenderer, template: string) {
  const logger = new Logger('WebApp');
  const [head, tail] = template.split(ROOT);
  return (req: Request, res: Response) => {
    const origin = ownOrigin(req);
    const lang = /(?:^|;\s*)mdx\.lang=en(?:;|$)/.test(req.headers.cookie ?? '') ? 'en' : 'ko';
    const id = (req as Request & { id?: string }).id;
    res.status(200).type('html').setHeader('Cache-Control', 'no-cache');
    res.write(head.replace('<html lang="ko"', `<html lang="${lang}"`));
    renderer
      .renderCatalog(
        new URL(req.originalUrl, origin),
        origin,
        lang,
        id ? { 'X-Request-Id': id } : {},
      )
      .then(
        (page) => (page ? `<div id="root">${page.html}</div>${page.state}` : ROOT),
        (err: unknown) => {
          logger.warn(
            `The catalog was not drawn on the server, the browser draws it: ${String(err)}`,
          );
          return ROOT;
        },
      )
      .then((root) => res.end(root + tail));
  };
}

/**
 * Serves the built web app (vite build's output) from the API's origin: its hashed assets for a
 * year, and index.html for every other GET outside /api, so the app's own router answers a
 * deep link. The front page is drawn here when the app's server renderer was built beside it
 * (`<dir>-ssr/entry-server.js`). When the app has not been built (API-only tests, a server
 * without the app), those paths answer 404 in the error shape, as a write outside /api always does.
 */
export async function serveWebApp(app: INestApplication, dir: string): Promise<boolean> {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    app.use((req: Request, res: Response, next: NextFunction) =>
      API_PATH.test(req.path) ? next() : notFound(req, res),
    );
    return false;
  }
  // A script or style compressed at build (.br, .gz beside it) goes as such to a browser that takes it.
  const assets = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      setHeaders: (res, file) => {
        res.setHeader(
          'Cache-Control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    },
  });
  const template = readFileSync(index, 'utf8');
  const entry = path.join(`${dir}-ssr`, 'entry-server.js');
  const catalog =
    template.includes(ROOT) && existsSync(entry)
      ? catalogPage((await import(pathToFileURL(entry).href)) as CatalogRenderer, template)
      : undefined;
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATH.test(req.path)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(req, res);
    if (catalog && req.path === '/' && req.method === 'GET') return catalog(req, res);
    assets(req, res, () => {
      // A missing asset is a 404, not the app: a stale tab asking for an old bundle must fail.
      if (req.path.startsWith('/assets/')) return notFound(req, res);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  });
  return true;
}
