import 'reflect-metadata';
import pino from 'pino';
import { ConfigError, loadConfig } from './platform/config/config.js';
import { createApp } from './app/create-app.js';
import { isJobBookkeepingFailure, JobQueue } from './platform/jobs/job-queue.js';
import { StripeEmulator } from './modules/payments/index.js';
import { startEmbeddedServices } from './platform/runtime/embedded-services.js';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined });

// The job queue's lost bookkeeping is logged and survived (see isJobBookkeepingFailure); any
// other unhandled rejection still ends the process, as Node's default does.
process.on('unhandledRejection', (reason) => {
  if (!isJobBookkeepingFailure(reason)) throw reason;
  log.warn({ err: reason }, 'a finished job could not be recorded; it runs again when it expires');
});

async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      log.fatal(err.message);
      process.exit(2);
    }
    throw err;
  }

  const embedded = await startEmbeddedServices(config, {
    info: (m) => log.info(m),
    debug: (m) => log.debug(m),
    warn: (m) => log.warn(m),
  });
  let stopping = false;
  const app = await createApp(embedded.config).catch(async (err) => {
    await embedded.stop();
    throw err;
  });
  await app.listen(config.port, '0.0.0.0');
  await app.get(JobQueue).startWorkers();

  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  app
    .get(StripeEmulator, { strict: false })
    ?.setWebhookUrl(`${url.replace('localhost', '127.0.0.1')}/api/payments/stripe/webhook`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const c = embedded.config;
  process.stdout.write(
    [
      `Manufacturing data exchange is up in ${seconds} s`,
      `  Web app   ${url}`,
      `  API       ${url}/api`,
      `  Docs      ${url}/api/docs  (OpenAPI: ${url}/api/docs-json)`,
      `  Health    ${url}/health`,
      `  Database  ${c.database.mode === 'embedded' ? `embedded PostgreSQL, data in ${c.dataDir}/pg` : 'external (DATABASE_URL)'}`,
      `  Storage   ${c.storage.mode === 'embedded' ? `embedded S3 at ${c.storage.endpoint}, bucket ${c.storage.bucket}, data in ${c.dataDir}/s3` : `${c.storage.endpoint ?? 'AWS S3'}, bucket ${c.storage.bucket}`}`,
      `  Payments  ${c.stripe.mode === 'emulator' ? `local Stripe emulator at http://127.0.0.1:${c.stripe.emulatorPort} (key sk_test_local)` : `Stripe${c.stripe.apiBase ? ` at ${c.stripe.apiBase}` : ''}`}`,
      `  Mail      ${c.mail.mode === 'catcher' ? `local mail catcher: read the mails at ${c.mail.catcherUrl} (nothing is sent on)` : `SMTP (SMTP_URL), from ${c.mail.from}`}`,
      `  Operator  ${c.operator.email}`,
    ].join('\n') + '\n',
  );

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    const force = setTimeout(() => {
      log.error('shutdown took longer than 8 s; exiting');
      process.exit(1);
    }, 8_000);
    force.unref();
    await app.close().catch((err) => log.error({ err }, 'closing the app failed'));
    await embedded.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Orphaned: `npm start` was stopped (a process manager sends SIGTERM to npm's pid, and npm
  // and its shell end without passing it on). The service, its PostgreSQL and its S3 server
  // must not run on unseen: the parent changing means stop.
  const parent = process.ppid;
  if (parent !== 1)
    setInterval(() => {
      if (process.ppid !== parent) void shutdown('the parent process (npm) exited');
    }, 500).unref();
}

main().catch((err) => {
  log.fatal({ err }, `failed to start: ${(err as Error).message}`);
  process.exit(1);
});
