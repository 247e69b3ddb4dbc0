import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { LOCAL_S3_CREDENTIALS } from '../storage/local-s3.js';

interface Logger {
  info(msg: string): void;
  debug(msg: string): void;
}

export interface EmbeddedServices {
  /** The configuration with the embedded servers' URLs filled in. */
  config: AppConfig;
  /** Stops what was started here, in reverse order. */
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Forks the local S3 server (see local-s3.process.ts) and waits for its endpoint. */
function forkLocalS3(dir: string, bucket: string, log: Logger) {
  const child = fork(path.join(here, '../storage/local-s3.process.js'), [dir, bucket], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type: string; endpoint: string; removed: number }) => {
      if (m.removed) log.info(`removed ${m.removed} half-written object file(s) from ${dir}`);
      resolve(m.endpoint);
    });
    child.once('exit', (code) =>
      reject(new Error(`the local S3 server exited early (code ${code})`)),
    );
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { ready, stop };
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
        ? forkLocalS3(path.join(config.dataDir, 's3'), config.storage.bucket, log)
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
