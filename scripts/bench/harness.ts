/**
 * Shared by the benchmarks: runs the service as `npm start` would (a child process with its own
 * embedded PostgreSQL and S3 under a temporary DATA_DIR) and talks to it over HTTP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../src/web/api/openapi.gen.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Service {
  url: string;
  /** What the service printed so far. */
  output(): string;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mdx-bench-'));
  await chmod(dataDir, 0o755);
  // BENCH_CPU_PROF=dir writes a CPU profile of the service when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, path.join(root, 'dist/src/main.js')], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      STRIPE_EMULATOR_PORT: '0',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // Every benchmark user signs up from this machine's one address.
      SIGNUP_MAX_PER_ADDRESS: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Web app\s+(http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the service exited with ${code}:\n${out}`)));
  });
  // With BENCH_LOG_LEVEL set, the service's own log lines show up beside the figures.
  if (env.LOG_LEVEL) child.stdout!.on('data', (d) => process.stderr.write(d));
  return {
    url,
    output: () => out,
    pid: child.pid!,
    dataDir,
    child,
    stop: async () => {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** CPU time (user + system) a process has used so far, in ms: steadier than wall time on a shared machine. */
export async function cpuMs(pid: number): Promise<number> {
  const { user, system } = await cpuTimes(pid);
  return user + system;
}

/** CPU a process has used so far, in its own code (user) and in the kernel for it (system), ms. */
export async function cpuTimes(pid: number): Promise<{ user: number; system: number }> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // USER_HZ is 100 on Linux.
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The typed client generated from openapi.json (src/web/api), as the benchmarks and the demo use it. */
export type Api = Client<paths>;

/**
 * A person at the API: the generated client with their access token. `ok(...)` unwraps an answer
 * and turns a refusal into an Error that shows its status and body.
 */
export class Caller {
  token = '';
  /** The organization datasetDraft registered. */
  organizationId = '';
  readonly api: Api;

  constructor(readonly url: string) {
    this.api = createClient<paths>({ baseUrl: url });
    this.api.use({
      onRequest: ({ request }) => {
        if (this.token) request.headers.set('authorization', `Bearer ${this.token}`);
        return request;
      },
    });
  }

  /** Signs up (when `name` is given) and signs in. */
  async signIn(email: string, password: string, name?: string): Promise<void> {
    if (name) await ok(this.api.POST('/api/auth/signup', { body: { email, password, name } }));
    this.token = (
      await ok(this.api.POST('/api/auth/login', { body: { email, password } }))
    ).accessToken;
  }

  /** A new user with an organization, a dataset and its draft version 1. */
  async datasetDraft(title: string): Promise<{ datasetId: string; version: number }> {
    const email = `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@bench.local`;
    await this.signIn(email, 'benchmark password', 'bench');
    const nine = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
    const org = await ok(
      this.api.POST('/api/organizations', {
        body: {
          name: '벤치마크',
          registrationNumber: `${nine}${checkDigit(nine)}`,
          representativeName: `벤치${nine}`,
          category: 'SME',
          industryCode: '24311',
        },
      }),
    );
    this.organizationId = org.id;
    return this.anotherDataset(title);
  }

  /** One more dataset (with a draft version) of the organization datasetDraft made. */
  async anotherDataset(title: string): Promise<{ datasetId: string; version: number }> {
    const ds = await ok(
      this.api.POST('/api/datasets', {
        body: { organizationId: this.organizationId, title, dataType: 'SENSOR_TIME_SERIES' },
      }),
    );
    const v = await ok(
      this.api.POST('/api/datasets/{id}/versions', { params: { path: { id: ds.id } }, body: {} }),
    );
    return { datasetId: ds.id, version: v.version };
  }
}

/** What the API answered when it succeeded; a refusal is thrown with its status and body. */
export async function ok<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok)
    throw new Error(
      `${response.status} from ${new URL(response.url).pathname}: ${JSON.stringify(error)}`,
    );
  return data as T;
}

function checkDigit(nine: string): number {
  const w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  const d = [...nine].map(Number);
  const sum = w.reduce((a, x, i) => a + x * d[i], 0) + Math.floor((d[8] * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
