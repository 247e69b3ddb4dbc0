import { randomBytes } from 'node:crypto';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { type AppConfig, loadConfig } from '../../src/platform/config/config.js';
import { createApp } from '../../src/app/create-app.js';
import { JobQueue } from '../../src/platform/jobs/job-queue.js';
import { StripeEmulator } from '../../src/modules/payments/index.js';
import { LOCAL_S3_CREDENTIALS } from '../../src/platform/storage/local-s3.js';
import { createS3Client } from '../../src/platform/storage/s3-storage.adapter.js';
import { cloneTestDatabase } from './database.js';

export const OPERATOR = { email: 'operator@test.local', password: 'operator-test-password' };

/** What the factories need: HTTP to the service and its database (in-process, or a child process). */
export interface TestClient {
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
}

export interface TestApp extends TestClient {
  app: NestExpressApplication;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The settings that send the application's mail to the suite's mail catcher, for the tests that
 * read it: `startTestApp(WITH_MAIL)`. Without them an application sends no mail (most tests do not
 * read it, and mailing every notification of the suite costs a minute of the run).
 */
export const WITH_MAIL = (): Record<string, string> => ({ SMTP_URL: process.env.TEST_SMTP_URL! });

/**
 * The HTTP application as it serves, on its own database cloned from the migrated template and
 * its own bucket on the suite's S3 server.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await cloneTestDatabase();
  const bucket = `t-${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    S3_ENDPOINT: process.env.TEST_S3_ENDPOINT,
    S3_BUCKET: bucket,
    S3_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    JWT_SECRET: randomBytes(32).toString('hex'),
    OPERATOR_EMAIL: OPERATOR.email,
    OPERATOR_PASSWORD: OPERATOR.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    STRIPE_EMULATOR_PORT: '0',
    // Every test user signs up from 127.0.0.1; the limit has its own test.
    SIGNUP_MAX_PER_ADDRESS: '1000000',
    ...env,
  });
  await createS3Client(config.storage).send(new CreateBucketCommand({ Bucket: bucket }));
  const app = await createApp(config);
  // A real port: the Stripe emulator sends its webhook events over HTTP.
  await app.listen(0, '127.0.0.1');
  await app.get(JobQueue).startWorkers();
  const server = app.getHttpServer();
  const emulator = app.get(StripeEmulator, { strict: false });
  emulator?.setWebhookUrl(
    `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/payments/stripe/webhook`,
  );
  return {
    app,
    http: () => request(server),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    config,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
