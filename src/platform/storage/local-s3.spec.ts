import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removeHalfWrittenObjects, startLocalS3 } from './local-s3.js';

describe('removeHalfWrittenObjects', () => {
  it('removes object files a crash left without metadata, and stray checksums; keeps whole objects', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'mdx-s3-spec-'));
    try {
      const dir = path.join(root, 'bucket', 'datasets', 'v1');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'whole.csv._S3rver_object'), 'a,b\n');
      await writeFile(path.join(dir, 'whole.csv._S3rver_object.md5'), 'x');
      await writeFile(path.join(dir, 'whole.csv._S3rver_metadata.json'), '{}');
      await writeFile(path.join(dir, 'torn.csv._S3rver_object'), 'a,');
      await writeFile(path.join(dir, 'gone.csv._S3rver_object.md5'), 'y');
      const removed = await removeHalfWrittenObjects(root);
      expect(removed.map((f) => path.basename(f)).sort()).toEqual([
        'gone.csv._S3rver_object.md5',
        'torn.csv._S3rver_object',
      ]);
      expect((await readdir(dir)).sort()).toEqual([
        'whole.csv._S3rver_metadata.json',
        'whole.csv._S3rver_object',
        'whole.csv._S3rver_object.md5',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('is a no-op on a directory that does not exist yet', async () => {
    expect(await removeHalfWrittenObjects(path.join(os.tmpdir(), 'mdx-does-not-exist'))).toEqual(
      [],
    );
  });
});

describe('the embedded S3 server and a browser', () => {
  it('lets a page on another origin PUT a part and read its ETag (CORS), as the web uploader does', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-s3-cors-'));
    const s3 = await startLocalS3(dir, 'cors-test');
    try {
      const url = `${s3.endpoint}/cors-test/some/key?partNumber=1&uploadId=x`;
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://127.0.0.1:3000',
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
      expect(preflight.status).toBe(200);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
      const get = await fetch(`${s3.endpoint}/cors-test/missing`, {
        headers: { Origin: 'http://127.0.0.1:3000' },
      });
      expect(get.headers.get('access-control-expose-headers')).toContain('ETag');
    } finally {
      await s3.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
