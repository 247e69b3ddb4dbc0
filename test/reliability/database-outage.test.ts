import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '../../src/platform/config/config.js';
import {
  type EmbeddedPostgresHandle,
  startEmbeddedPostgres,
} from '../../src/platform/database/embedded-postgres.js';
import { createApp } from '../../src/app/create-app.js';
import { LOCAL_S3_CREDENTIALS } from '../../src/platform/storage/local-s3.js';
import { createS3Client } from '../../src/platform/storage/s3-storage.adapter.js';
import { recordFigures } from '../support/figures.js';

/**
 * PostgreSQL stopped under load and started again: requests fail cleanly with 503 while it is
 * down, nothing is half-written, and the service recovers without a restart. The test has a
 * PostgreSQL of its own, so the rest of the suite is not disturbed.
 */
describe('PostgreSQL stopped and restarted', () => {
  let dir: string;
  let pg: EmbeddedPostgresHandle;
  let app: NestExpressApplication;
  const quiet = { info: () => undefined, debug: () => undefined };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-outage-'));
    await chmod(dir, 0o755);
    pg = await startEmbeddedPostgres(path.join(dir, 'pg'), 'exchange', quiet);
    const bucket = `o-${randomBytes(5).toString('hex')}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: pg.url,
      S3_ENDPOINT: process.env.TEST_S3_ENDPOINT,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      LOG_FORMAT: 'json',
      STRIPE_EMULATOR_PORT: '0',
    });
    await createS3Client(config.storage).send(new CreateBucketCommand({ Bucket: bucket }));
    app = await createApp(config);
    await app.init();
  }, 60_000);
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 while the database is down, writes nothing half-way, and recovers by itself', async () => {
    let requests = 0;
    const http = () => {
      requests++;
      return request(app.getHttpServer());
    };
    const signup = (i: number) =>
      http()
        .post('/api/auth/signup')
        .send({ email: `outage${i}@test.local`, password: 'survives the outage', name: 'o' });
    expect((await signup(0)).status).toBe(201);

    await pg.stop();
    const during = await Promise.all(Array.from({ length: 10 }, (_, i) => signup(100 + i)));
    expect(during.map((r) => r.status)).toEqual(Array(10).fill(503));
    expect(during[0].body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringContaining('database'),
    });
    const health = await http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.database.ok).toBe(false);

    pg = await startEmbeddedPostgres(path.join(dir, 'pg'), 'exchange', quiet, { port: pg.port });
    let recovered = 0;
    for (let i = 0; i < 50 && !recovered; i++) {
      if ((await http().get('/health')).status === 200) recovered = i + 1;
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBeGreaterThan(0);
    expect((await signup(1)).status).toBe(201);
    // Nothing from the outage got in, and the accounts made before and after are whole.
    const login = await http()
      .post('/api/auth/login')
      .send({ email: 'outage0@test.local', password: 'survives the outage' });
    expect(login.status).toBe(200);
    const ghost = await http()
      .post('/api/auth/login')
      .send({ email: 'outage100@test.local', password: 'survives the outage' });
    expect(ghost.status).toBe(401);
    recordFigures('database outage', { requests, faults: 1, fiveHundreds: 0 });
  }, 60_000);
});
