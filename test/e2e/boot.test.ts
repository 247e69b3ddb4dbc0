/**
 * The service as `npm start` runs it: a real process with embedded PostgreSQL and S3 under a
 * DATA_DIR, killed, restarted, run twice side by side, and stopped cleanly.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { jest } from '@jest/globals';
import { freePort, processAlive } from '../support/child-service.js';

jest.setTimeout(180_000);

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Every process started here, so that a failing test leaves none behind. */
const children = new Set<ChildProcess>();

async function start(env: Record<string, string>, viaNpm = false): Promise<Running> {
  // Side by side instances need their own Stripe emulator port too (docs/api.md).
  const emulatorPort = String(await freePort());
  const [command, args] = viaNpm
    ? ['npm', ['start', '--silent']]
    : [process.execPath, ['scripts/start.mjs']];
  const child = spawn(command, args, {
    env: {
      ...process.env,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      STRIPE_EMULATOR_PORT: emulatorPort,
      // The boot is under test here, not the web app (the browser tests build and serve that):
      // instances started side by side must not build dist/web at the same time.
      WEB_DIR: path.join(os.tmpdir(), 'mdx-boot-no-web'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up in 90 s:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      const m = /Web app\s+(http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was up:\n${out}`));
    });
  });
}

async function postJson(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number(
    (await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
}

describe('npm start', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-boot-'));
    await chmod(dir, 0o755);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, children.size ? 3000 : 0));
    for (const child of children) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it("starts, survives a crash (stale postmaster.pid, orphaned postgres) and keeps its data; runs beside a second instance with its own PORT and DATA_DIR, refuses a third on a DATA_DIR in use; and stops within 10 s, leaving no process behind, when a process manager sends SIGTERM to npm's own pid", async () => {
    const dataDir = path.join(dir, 'a');
    const port = String(await freePort());
    const first = await start({ DATA_DIR: dataDir, PORT: port });
    const health = await (await fetch(`${first.url}/health`)).json();
    expect(health).toMatchObject({
      status: 'ok',
      database: { mode: 'embedded' },
      storage: { mode: 'embedded' },
    });
    // Without SMTP_URL it runs a mail catcher, and the banner says where to read the mails.
    const mailbox = /read the mails at (http:\/\/\S+)/.exec(first.output())?.[1];
    const caught = await fetch(mailbox!);
    expect(caught.status).toBe(200);
    expect(await caught.text()).toContain('받은 메일');
    const signup = await postJson(`${first.url}/api/auth/signup`, {
      email: 'crash@test.local',
      password: 'survives a crash',
      name: '재시작',
    });
    expect(signup.status).toBe(201);

    // Crash: the node process dies at once, leaving its postgres behind with a postmaster.pid.
    const orphan = await postmasterPid(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(processAlive(orphan)).toBe(true);

    // Started again the way a process manager does: `npm start`.
    const npm = await start({ DATA_DIR: dataDir, PORT: port }, true);
    expect(processAlive(orphan)).toBe(false);
    const login = await postJson(`${npm.url}/api/auth/login`, {
      email: 'crash@test.local',
      password: 'survives a crash',
    });
    expect(login.status).toBe(200);

    // A second instance beside it, with its own PORT and DATA_DIR: its own data.
    const other = await start({ DATA_DIR: path.join(dir, 'b'), PORT: String(await freePort()) });
    try {
      expect((await fetch(`${other.url}/health`)).status).toBe(200);
      const elsewhere = await postJson(`${other.url}/api/auth/login`, {
        email: 'crash@test.local',
        password: 'survives a crash',
      });
      expect(elsewhere.status).toBe(401);
      // A third on a DATA_DIR in use is refused, and the owner goes on.
      await expect(start({ DATA_DIR: dataDir, PORT: String(await freePort()) })).rejects.toThrow(
        /in use by another running instance/,
      );
      expect((await fetch(`${npm.url}/health`)).status).toBe(200);
    } finally {
      other.child.kill('SIGINT');
      expect(await other.exited).toBe(0);
    }

    // Every process npm started, and theirs: npm, its shell, the service, PostgreSQL and its
    // workers, the S3 server.
    const tree = (root: number) => {
      const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='])
        .toString()
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).map(Number));
      const found = [root];
      for (let i = 0; i < found.length; i++)
        for (const [pid, ppid] of rows) if (ppid === found[i]) found.push(pid);
      return found;
    };
    const started = tree(npm.child.pid!);
    expect(started.length).toBeGreaterThan(4);
    expect(started).toContain(await postmasterPid(dataDir));
    npm.child.kill('SIGTERM');
    const deadline = Date.now() + 10_000;
    const living = () => started.filter(processAlive);
    while (living().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(living()).toEqual([]);
    await expect(fetch(`${npm.url}/health`)).rejects.toThrow();
  });

  it('stops at boot with a line naming a bad setting', async () => {
    await expect(
      start({ DATA_DIR: path.join(dir, 'd'), PORT: 'eighty', DATABASE_URL: 'mysql://nope' }),
    ).rejects.toThrow(/exited with 2[\s\S]*PORT[\s\S]*DATABASE_URL/);
  });
});
