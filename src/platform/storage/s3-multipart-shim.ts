import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { tap } from './tap.js';

const require = createRequire(import.meta.url);
// s3rver's own error type: thrown here, it is answered as S3 answers (XML, the right status).
const S3Error = require('s3rver/lib/models/error.js') as new (
  code: string,
  message: string,
) => Error;

/** What of s3rver's Koa context the shim reads and writes. */
interface Ctx {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  headers: Record<string, string | string[] | undefined>;
  req: Readable;
  status: number;
  body: unknown;
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
}

const PART = /^\d+$/;

/**
 * Makes s3rver's multipart uploads behave as S3's do where the exchange relies on it. s3rver
 * (3.7) has no ListParts and no AbortMultipartUpload, accepts a part for an upload that was
 * completed or aborted (the bytes stay on disk for ever), accepts a part of any size, and crashes
 * its process (an unhandled ENOENT) when asked to complete with a part never uploaded. Here:
 * - `GET ?uploadId` lists the parts (ListParts), `DELETE ?uploadId` aborts (removes them);
 * - a part for an unknown upload answers NoSuchUpload; a part must carry a Content-Length equal to
 *   the length planned for it (the upload's `x-amz-meta-upload-size` and `-part-size`), as S3
 *   enforces through the length signed into the part URL;
 * - completing while a planned part is not there answers InvalidPart, and touches nothing;
 * - a part sent with `x-amz-checksum-sha256` is hashed as it arrives and refused (BadDigest,
 *   the part removed) when its bytes have another SHA-256; ListParts reports the checksum of
 *   each part that had one, as S3 does for an upload with additional checksums.
 */
export function multipartShim() {
  return async (ctx: Ctx, next: () => Promise<void>) => {
    const uploadId = typeof ctx.query.uploadId === 'string' ? ctx.query.uploadId : undefined;
    // A browser's preflight is CORS's to answer, as S3 answers it, whatever the upload.
    if (!uploadId || ctx.method === 'OPTIONS') return next();
    if (!/^[0-9a-f]{32}$/.test(uploadId))
      throw new S3Error('NoSuchUpload', 'The specified upload does not exist.');
    const bucket = decodeURIComponent(ctx.path.split('/')[1] ?? '');
    const dir = path.join(ctx.store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    const metadata = await readFile(path.join(dir, 'metadata'), 'utf8')
      .then((m) => JSON.parse(m) as Record<string, string>)
      .catch(() => undefined);
    if (!metadata)
      throw new S3Error(
        'NoSuchUpload',
        'The specified upload does not exist. It may have been aborted or completed.',
      );
    const parts = async () => {
      const names = (await readdir(dir)).filter((n) => PART.test(n));
      return Promise.all(
        names
          .map(Number)
          .sort((a, b) => a - b)
          .map(async (n) => ({
            PartNumber: n,
            ETag: JSON.stringify((await readFile(path.join(dir, `${n}.md5`), 'utf8')).trim()),
            Size: (await stat(path.join(dir, String(n)))).size,
            ChecksumSHA256: await readFile(path.join(dir, `${n}.sha256`), 'utf8').catch(
              () => undefined,
            ),
          })),
      );
    };

    if (ctx.method === 'GET') {
      ctx.body = {
        ListPartsResult: { Bucket: bucket, UploadId: uploadId, Part: await parts() },
      };
      return;
    }
    if (ctx.method === 'DELETE') {
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      ctx.body = null;
      return;
    }
    if (ctx.method === 'PUT') {
      const size = Number(metadata['x-amz-meta-upload-size']);
      const partSize = Number(metadata['x-amz-meta-part-size']);
      const n = Number(ctx.query.partNumber);
      if (size > 0 && partSize > 0) {
        const expected = Math.min(partSize, size - (n - 1) * partSize);
        const given = Number(ctx.headers['content-length']);
        if (!Number.isInteger(n) || expected <= 0)
          throw new S3Error(
            'InvalidArgument',
            `Part number ${ctx.query.partNumber} is not planned.`,
          );
        if (ctx.headers['content-length'] === undefined)
          throw new S3Error(
            'MissingContentLength',
            'You must provide the Content-Length HTTP header.',
          );
        if (given !== expected)
          throw new S3Error(
            given > expected ? 'EntityTooLarge' : 'IncompleteBody',
            `Part ${n} must be exactly ${expected} bytes, not ${given}.`,
          );
      }
      return checkedPart(ctx, path.join(dir, String(n)), next);
    }
    if (ctx.method === 'POST') {
      // The request names its parts in an XML body s3rver reads later; the upload's plan says
      // which parts there must be (the exchange completes with exactly those).
      const size = Number(metadata['x-amz-meta-upload-size']);
      const partSize = Number(metadata['x-amz-meta-part-size']);
      if (size > 0 && partSize > 0) {
        const have = new Set((await parts()).map((p) => p.PartNumber));
        const planned = Array.from(
          { length: Math.max(1, Math.ceil(size / partSize)) },
          (_, i) => i + 1,
        );
        const missing = planned.filter((n) => !have.has(n));
        if (missing.length)
          throw new S3Error(
            'InvalidPart',
            `One or more of the specified parts could not be found: ${missing.join(', ')}.`,
          );
      }
    }
    return next();
  };
}

/**
 * Stores a part through s3rver, hashing its bytes on the way when the request declares their
 * SHA-256 (base64, as S3 takes it): a part with other bytes is removed and refused as S3 refuses
 * it; a part that matches keeps its checksum beside it for ListParts.
 */
async function checkedPart(ctx: Ctx, partPath: string, next: () => Promise<void>) {
  const declared = ctx.headers['x-amz-checksum-sha256'];
  await rm(`${partPath}.sha256`, { force: true });
  if (typeof declared !== 'string') return next();
  const hash = createHash('sha256');
  const request = ctx.req;
  const hashed = tap((chunk) => hash.update(chunk));
  request.on('error', (err) => hashed.destroy(err));
  ctx.req = request.pipe(hashed);
  try {
    await next();
  } finally {
    ctx.req = request;
  }
  const actual = hash.digest('base64');
  if (actual !== declared) {
    await rm(partPath, { force: true });
    await rm(`${partPath}.md5`, { force: true });
    throw new S3Error(
      'BadDigest',
      `The SHA256 you specified did not match the calculated checksum (${actual}).`,
    );
  }
  await writeFile(`${partPath}.sha256`, actual);
}
