import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { LOCAL_S3_CREDENTIALS } from '../storage/local-s3.js';

interface Logger {
  info(msg: string): void;
  debug(msg: string): void;
  warn?(msg: string): void;
}

export interface EmbeddedServices {
  /** The configuration with the embedded servers' URLs filled in. */
  config: AppConfig;
  /** Stops what was started here, in reverse order. */
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** What a supervised child reports when it is ready. */
interface Ready {
  endpoint: string;
  removed?: number;
  smtpUrl?: string;
}

/**
 * Forks a helper server (the local S3 server, the mail catcher) and waits for it to report its
 * addresses. It is supervised: if it dies (a bug in s3rver, the OOM killer), it is started again
 * on the same ports, so the service's settings stay right and /health recovers by itself. Restarts
 * back off from 0.2 s to 10 s, and the count resets after a minute up.
 */
function forkSupervised(
  what: string,
  script: string,
  args: (last?: Ready) => string[],
  log: Logger & { warn(msg: string): void },
) {
  let stopping = false;
  let last: Ready | undefined;
  let child: ChildProcess;
  let restarts = 0;
  let resolveReady: (ready: Ready) => void;
  let rejectReady: (err: Error) => void;
  const ready = new Promise<Ready>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const start = () => {
    const startedAt = Date.now();
    child = fork(path.join(here, script), args(last), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m: Ready) => {
      last = m;
      resolveReady(m);
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (!last) return rejectReady(new Error(`the ${what} exited early (code ${code})`));
      if (Date.now() - startedAt > 60_000) restarts = 0;
      const delay = Math.min(10_000, 200 * 2 ** restarts++);
      log.warn(
        `the ${what} stopped (${signal ?? `code ${code}`}); starting it again on the same port in ${delay} ms`,
      );
      setTimeout(() => !stopping && start(), delay).unref();
    });
  };
  start();
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { ready, stop, pid: () => child.pid };
}

const portOf = (url: string | undefined) => (url ? new URL(url).port : '0');

function forkLocalS3(dir: string, bucket: string, log: Logger & { warn(msg: string): void }) {
  const s3 = forkSupervised(
    'local S3 server',
    '../storage/local-s3.process.js',
    (last) => [dir, bucket, portOf(last?.endpoint)],
    log,
  );
  const ready = s3.ready.then((m) => {
    if (m.removed) log.info(`removed ${m.removed} half-written object file(s) from ${dir}`);
    return m.endpoint;
  });
  return { ...s3, ready };
}

/**
 * Starts the embedded PostgreSQL, the S3-compatible server and the mail catcher for whatever the
 * configuration leaves unset, with their data under DATA_DIR. With DATABASE_URL, S3_ENDPOINT and
 * SMTP_URL set it starts nothing.
 */
export async function startEmbeddedServices(
  config: AppConfig,
  log: Logger,
): Promise<EmbeddedServices> {
  const stops: (() => Promise<void>)[] = [];
  const resolved: AppConfig = {
    ...config,
    database: { ...config.database },
    storage: { ...config.storage },
    mail: { ...config.mail },
  };
  try {
    const s3 =
      config.storage.mode === 'embedded'
        ? forkLocalS3(path.join(config.dataDir, 's3'), config.storage.bucket, {
            ...log,
            warn: (m) => (log.warn ?? log.info)(m),
          })
        : undefined;
    if (s3) stops.push(s3.stop);
    const warnLog = { ...log, warn: (m: string) => (log.warn ?? log.info)(m) };
    const mail =
      config.mail.mode === 'catcher'
        ? forkSupervised(
            'mail catcher',
            '../mail/mail-catcher.process.js',
            (last) => [
              path.join(config.dataDir, 'mail'),
              portOf(last?.smtpUrl),
              last ? portOf(last.endpoint) : String(config.mail.catcherPort),
            ],
            warnLog,
          )
        : undefined;
    if (mail) stops.push(mail.stop);
    if (config.database.mode === 'embedded') {
      const pg = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), 'exchange', log, {
        sharedBuffers: config.database.embeddedSharedBuffers,
      });
      stops.push(pg.stop);
      resolved.database.url = pg.url;
    }
    if (s3) {
      resolved.storage.endpoint = await s3.ready;
      resolved.storage.accessKeyId = LOCAL_S3_CREDENTIALS.accessKeyId;
      resolved.storage.secretAccessKey = LOCAL_S3_CREDENTIALS.secretAccessKey;
      resolved.storage.forcePathStyle = true;
    }
    if (mail) {
      const m = await mail.ready;
      resolved.mail.smtpUrl = m.smtpUrl;
      resolved.mail.catcherUrl = m.endpoint;
    }
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
  return {
    config: resolved,
    stop: async () => {
      for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
    },
  };
}
