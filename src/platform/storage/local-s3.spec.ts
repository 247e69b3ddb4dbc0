import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removeHalfWrittenObjects } from './local-s3.js';

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
