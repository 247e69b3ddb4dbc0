import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import S3rver from 's3rver';
import { multipartShim } from './s3-multipart-shim.js';

export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * s3rver writes an object's bytes first and its metadata after. A crash in between leaves an
 * object file with no metadata (or an .md5 with no object): those are removed before start.
 */
export async function removeHalfWrittenObjects(root: string): Promise<string[]> {
  const removed: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      const object = /^(.*)\._S3rver_object$/.exec(entry.name);
      const md5 = /^(.*\._S3rver_object)\.md5$/.exec(entry.name);
      const orphanObject = object && !names.has(`${object[1]}._S3rver_metadata.json`);
      const orphanMd5 = md5 && !names.has(md5[1]);
      if (orphanObject || orphanMd5) {
        await rm(full, { force: true });
        removed.push(full);
      }
    }
  }
  if (await stat(root).catch(() => undefined)) await walk(root);
  return removed;
}

export interface LocalS3Handle {
  endpoint: string;
  port: number;
  removed: string[];
  close(): Promise<void>;
}

/**
 * The CORS a browser needs to upload straight to the bucket (presigned PUTs of parts, reading
 * the part's ETag back) and to download (presigned GETs). Locally any origin; on AWS S3 set the
 * same rule with the web app's origin (README, "Storage").
 */
export const BROWSER_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** Runs s3rver with its data in `dir`, the bucket made on first start. Port 0 picks a free one. */
export async function startLocalS3(dir: string, bucket: string, port = 0): Promise<LocalS3Handle> {
  const removed = await removeHalfWrittenObjects(dir);
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [BROWSER_CORS] }],
    allowMismatchedSignatures: false,
  });
  // Before s3rver's routes (after its error and XML handling): multipart uploads as S3 does them.
  const stack = (server as unknown as { middleware: unknown[] }).middleware;
  stack.splice(stack.length - 1, 0, multipartShim());
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    removed,
    close: () => server.close(),
  };
}
