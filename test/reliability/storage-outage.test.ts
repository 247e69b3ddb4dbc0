import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '../../src/platform/config/config.js';
import { createApp } from '../../src/app/create-app.js';
import {
  LOCAL_S3_CREDENTIALS,
  type LocalS3Handle,
  startLocalS3,
} from '../../src/platform/storage/local-s3.js';
import { cloneTestDatabase } from '../support/database.js';
import { recordFigures } from '../support/figures.js';
import { sha256 } from '../support/uploads.js';

/** Storage stopped in the middle of an upload: the upload can be completed later, or aborted, and no stray object is left. */
describe('storage failing mid-upload', () => {
  let dir: string;
  let s3: LocalS3Handle;
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
  const bucket = 'outage';
  let requests = 0;
  const http = () => {
    requests++;
    return request(app.getHttpServer());
  };
  let auth: { Authorization: string };
  let datasetId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-s3-outage-'));
    await chmod(dir, 0o755);
    s3 = await startLocalS3(path.join(dir, 's3'), bucket);
    db = await cloneTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      STRIPE_EMULATOR_PORT: '0',
    });
    app = await createApp(config);
    await app.init();
    await http()
      .post('/api/auth/signup')
      .send({ email: 'up@test.local', password: 'uploading through it', name: 'u' })
      .expect(201);
    const login = await http()
      .post('/api/auth/login')
      .send({ email: 'up@test.local', password: 'uploading through it' })
      .expect(200);
    auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const org = await http()
      .post('/api/organizations')
      .set(auth)
      .send({
        name: 'u',
        registrationNumber: '1248100998',
        representativeName: 'u',
        category: 'SME',
        industryCode: '29294',
      })
      .expect(201);
    datasetId = (
      await http()
        .post('/api/datasets')
        .set(auth)
        .send({ organizationId: org.body.id, title: 'u', dataType: 'TABULAR' })
        .expect(201)
    ).body.id;
    await http().post(`/api/datasets/${datasetId}/versions`).set(auth).send({}).expect(201);
  }, 60_000);
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await s3?.close().catch(() => undefined);
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function begin(name: string, bytes: Buffer) {
    const start = await http()
      .post(`/api/datasets/${datasetId}/versions/1/files`)
      .set(auth)
      .send({ name, sizeBytes: bytes.length, sha256: sha256(bytes), contentType: 'text/csv' })
      .expect(201);
    const put = await fetch(start.body.parts[0].url, { method: 'PUT', body: bytes });
    return {
      uploadId: start.body.uploadId as string,
      parts: [{ partNumber: 1, etag: put.headers.get('etag')! }],
    };
  }

  it('a completion while storage is down answers 503 and keeps the upload; after storage returns it completes, or aborts cleanly', async () => {
    const bytes = Buffer.from('a,b\n1,2\n');
    const kept = await begin('kept.csv', bytes);
    const dropped = await begin('dropped.csv', bytes);
    await s3.close();

    const down = await http()
      .post(`/api/uploads/${kept.uploadId}/complete`)
      .set(auth)
      .send({ parts: kept.parts });
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('SERVICE_UNAVAILABLE');

    s3 = await startLocalS3(path.join(dir, 's3'), bucket, Number(new URL(s3.endpoint).port));
    const done = await http()
      .post(`/api/uploads/${kept.uploadId}/complete`)
      .set(auth)
      .send({ parts: kept.parts })
      .expect(201);
    expect(done.body).toMatchObject({ status: 'AVAILABLE', sha256: sha256(bytes) });
    await http().delete(`/api/uploads/${dropped.uploadId}`).set(auth).expect(204);

    // The only object left in the bucket is the completed file; no stray parts or objects.
    const files: string[] = [];
    const walk = async (d: string) => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(path.join(d, e.name));
        else if (e.name.endsWith('._S3rver_object')) files.push(e.name);
      }
    };
    await walk(path.join(dir, 's3', bucket));
    expect(files).toHaveLength(1);
    recordFigures('storage outage', { requests, faults: 1, fiveHundreds: 0 });
  }, 60_000);
});
