import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { loadConfig } from '../../src/platform/config/config.js';
import { freePort as freePortBelowEphemeral } from '../../src/platform/runtime/free-port.js';
import { LOCAL_S3_CREDENTIALS } from '../../src/platform/storage/local-s3.js';
import { createS3Client } from '../../src/platform/storage/s3-storage.adapter.js';
import { OPERATOR } from './test-app.js';

const REGISTER = path.resolve('test/support/ts-node/register.mjs');

/** Whether a process is still running (signal 0 tests it without touching it). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A free TCP port for a service a test starts (it keeps it across restarts, as a deployment would),
 * from a slice of its own for each jest worker (see `freePort` in src/platform/runtime).
 */
export const freePort = () =>
  freePortBelowEphemeral({ index: Number(process.env.JEST_WORKER_ID ?? 1) - 1, of: 8 });

/**
 * The real service (`src/main.ts`, the entry `npm start` runs) in a child process, from its
 * TypeScript sources, so that a test can kill it with SIGKILL and start it again.
 */
export class ChildService {
  private child?: ChildProcess;
  private output = '';

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  /** Starts the service and resolves when it prints that it is up. */
  async start(timeoutMs = 45_000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, ['--import', REGISTER, 'src/main.ts'], {
      env: { ...process.env, SIGNUP_MAX_PER_ADDRESS: '1000000', ...this.env, LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the service did not start:\n${this.output}`)),
        timeoutMs,
      );
      const onData = () => {
        if (!this.output.includes('Manufacturing data exchange is up')) return;
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve();
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the service exited (${code ?? signal}) while starting:\n${this.output}`));
      });
    });
  }

  /** Whether the service's process has not exited since it last started. */
  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  /** SIGKILL: no shutdown hooks, no draining, open transactions die with their connections. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** A graceful stop, as Ctrl-C. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** What the service printed since it last started (for failure messages). */
  log(): string {
    return this.output;
  }
}

/**
 * The environment of a service in a child process, on its own database and folder, with a bucket
 * of its own made on the suite's S3 server. `extra` adds to it (Stripe settings, …).
 */
export async function childServiceEnv(
  databaseUrl: string,
  dir: string,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const env = {
    NODE_ENV: 'test',
    PORT: String(await freePort()),
    DATA_DIR: path.join(dir, 'data'),
    WORK_DIR: path.join(dir, 'work'),
    DATABASE_URL: databaseUrl,
    S3_ENDPOINT: process.env.TEST_S3_ENDPOINT!,
    S3_BUCKET: `c-${randomBytes(6).toString('hex')}`,
    S3_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    JWT_SECRET: randomBytes(32).toString('hex'),
    OPERATOR_EMAIL: OPERATOR.email,
    OPERATOR_PASSWORD: OPERATOR.password,
    LOG_LEVEL: 'warn',
    SMTP_URL: process.env.TEST_SMTP_URL!,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
  await createS3Client(loadConfig(env).storage).send(
    new CreateBucketCommand({ Bucket: env.S3_BUCKET }),
  );
  return env;
}
