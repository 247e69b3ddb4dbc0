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

/**
 * Forks the local S3 server (see local-s3.process.ts) and waits for its endpoint. It is
 * supervised: if it dies (a bug in s3rver, the OOM killer), it is started again on the same port,
 * so the service's endpoint stays right and /health recovers by itself. Restarts back off from
 * 0.2 s to 10 s, and the count resets after a minute up.
 */
function forkLocalS3(dir: string, bucket: string, log: Logger & { warn(msg: string): void }) {
  let stopping = false;
  let port = 0;
  let child: ChildProcess;
  let restarts = 0;
  let resolveReady: (endpoint: string) => void;
  let rejectReady: (err: Error) => void;
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const start = () => {
    const startedAt = Date.now();
    child = fork(path.join(here, '../storage/local-s3.process.js'), [dir, bucket, String(port)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m: { type: string; endpoint: string; removed: number }) => {
      if (m.removed) log.info(`removed ${m.removed} half-written object file(s) from ${dir}`);
      port = Number(new URL(m.endpoint).port);
      resolveReady(m.endpoint);
    });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (!port) return rejectReady(new Error(`the local S3 server exited early (code ${code})`));
      if (Date.now() - startedAt > 60_000) restarts = 0;
      const delay = Math.min(10_000, 200 * 2 ** restarts++);
      log.warn(
        `the local S3 server stopped (${signal ?? `code ${code}`}); starting it again on port ${port} in ${delay} ms`,
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

/**
 * Starts the embedded PostgreSQL and S3-compatible server for whatever the configuration leaves
 * unset, with their data under DATA_DIR. With DATABASE_URL and S3_ENDPOINT set it starts nothing.
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
    if (config.database.mode === 'embedded') {
      const pg = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'), 'exchange', log);
      stops.push(pg.stop);
      resolved.database.url = pg.url;
    }
    if (s3) {
      resolved.storage.endpoint = await s3.ready;
      resolved.storage.accessKeyId = LOCAL_S3_CREDENTIALS.accessKeyId;
      resolved.storage.secretAccessKey = LOCAL_S3_CREDENTIALS.secretAccessKey;
      resolved.storage.forcePathStyle = true;
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
