import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export const JOB_SCHEMA = 'pgboss';

export interface SendOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits (an outbox). */
  manager?: EntityManager;
  /** At most one queued job with this key at a time. */
  singletonKey?: string;
  retryLimit?: number;
  startAfterSeconds?: number;
}

type Handler<T> = (data: T, job: { id: string }) => Promise<void>;

/**
 * Whether an unhandled rejection is pg-boss (10.x) failing to record a job as completed or
 * failed. It calls `complete` and `fail` after a job without awaiting them
 * (timgit/pg-boss#577; fixed in 11, which needs Node 22), so a connection PostgreSQL ends at that
 * moment (a failover, a restart, `pg_terminate_backend`) would take the whole service down. The
 * job stays active and runs again when it expires; every job here may run twice.
 */
export function isJobBookkeepingFailure(reason: unknown): boolean {
  const stack = reason instanceof Error ? (reason.stack ?? '') : '';
  return (
    /Manager\.(complete|fail) /.test(stack) && /[\\/]pg-boss[\\/]src[\\/]manager\.js/.test(stack)
  );
}

/**
 * Background jobs on the same PostgreSQL (pg-boss). Its tables are created by a migration, never
 * by pg-boss itself. Workers start with the application and stop, gracefully, with it.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly workers: {
    name: string;
    handler: Handler<unknown>;
    concurrency: number;
    pollSeconds: number;
  }[] = [];
  private readonly schedules: { name: string; cron: string; atStart?: object }[] = [];
  /** The queues known to exist (created here or found), not looked up again at every send. */
  private readonly queues = new Set<string>();
  /** This instance's pg-boss worker of each queue, woken when a job is sent to it. */
  private readonly workerIds = new Map<string, string>();
  /** The batches of jobs this instance is running, which shutting down waits for. */
  private readonly running = new Set<Promise<unknown>>();
  private started = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.boss = new PgBoss({
      connectionString: config.database.url,
      schema: JOB_SCHEMA,
      migrate: false,
      max: 4,
      application_name: 'mdx-jobs',
      // Whether a schedule is due is looked at every 10 s (pg-boss: 30 s), so an every-minute job
      // starts within 10 s of its minute; one instance looks at a time.
      cronMonitorIntervalSeconds: 10,
    });
    this.boss.on('error', (err) => this.logger.error({ err }, 'job queue error'));
  }

  /**
   * Registers a worker; it starts polling when the application has started. `concurrency`: jobs
   * run side by side; `pollSeconds`: how often an idle worker looks (a queue fed by an hourly
   * schedule need not look twice a second).
   */
  work<T>(
    name: string,
    handler: Handler<T>,
    concurrency = 1,
    options: { pollSeconds?: number } = {},
  ): void {
    this.workers.push({
      name,
      handler: handler as Handler<unknown>,
      concurrency,
      pollSeconds: options.pollSeconds ?? 0.5,
    });
  }

  /**
   * Runs `name` on a cron schedule (UTC), once across all instances. With `atStart`, it also runs
   * once as soon as the workers start, with that as its data: catching up on what happened while
   * the service was down instead of waiting for the next tick.
   */
  schedule(name: string, cron: string, options: { atStart?: object } = {}): void {
    this.schedules.push({ name, cron, atStart: options.atStart });
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const { name } of [...this.workers, ...this.schedules]) await this.ensureQueue(name);
  }

  /** Called by main after listen, and by tests: begin taking jobs. */
  async startWorkers(): Promise<void> {
    for (const w of this.workers) {
      await this.ensureQueue(w.name);
      // One pg-boss worker per queue, taking up to `concurrency` jobs a fetch and running them
      // side by side; a failed one is failed alone (its retries apply), the others complete. A
      // worker that found work looks again at once (pg-boss would otherwise wait out its polling
      // interval after every fetch, two fetches a second); an idle one polls at its interval.
      const worker = { id: '' };
      worker.id = await this.boss.work(
        w.name,
        { batchSize: w.concurrency, pollingIntervalSeconds: w.pollSeconds },
        async (jobs) => {
          const batch = Promise.all(
            jobs.map(async (job) => {
              try {
                await w.handler(job.data, { id: job.id });
              } catch (err) {
                this.logger.warn({ err, job: w.name, id: job.id }, 'job failed; retried later');
                // Not recorded (the database is away): the job stays active and runs again when it
                // expires. Thrown on, pg-boss would try to fail the whole batch unawaited.
                await this.boss
                  .fail(w.name, job.id, { message: (err as Error).message })
                  .catch((lost: unknown) =>
                    this.logger.warn(
                      { err: lost, job: w.name, id: job.id },
                      'job failure not recorded',
                    ),
                  );
              }
            }),
          );
          this.running.add(batch);
          try {
            await batch;
          } finally {
            this.running.delete(batch);
            if (worker.id) this.boss.notifyWorker(worker.id);
          }
        },
      );
      this.workerIds.set(w.name, worker.id);
    }
    for (const s of this.schedules) {
      await this.boss.schedule(s.name, s.cron);
      // Every start catches up (two instances starting together run it twice: such jobs are
      // idempotent). A singleton would skip the catch-up after a crash within its window.
      if (s.atStart) await this.boss.send(s.name, s.atStart);
    }
  }

  /**
   * Creates the queue unless it exists. Instances starting together on a fresh database create
   * the same queues at once, and pg-boss's partition tables can deadlock them: the one PostgreSQL
   * picks as the victim tries again (the other's queue is then there).
   */
  private async ensureQueue(name: string): Promise<void> {
    if (this.queues.has(name)) return;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name);
        this.queues.add(name);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
      }
    }
  }

  async send<T extends object>(
    name: string,
    data: T,
    options: SendOptions = {},
  ): Promise<string | null> {
    await this.ensureQueue(name);
    const db = options.manager
      ? {
          executeSql: async (text: string, values: unknown[]) => ({
            rows: await options.manager!.query(text, values),
          }),
        }
      : undefined;
    const id = await this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      retryLimit: options.retryLimit ?? 2,
      retryBackoff: true,
      startAfter: options.startAfterSeconds,
      ...(db && { db }),
    });
    if (id && !options.startAfterSeconds) this.wake(name, Boolean(db));
    return id;
  }

  /**
   * A job sent here starts now rather than at the worker's next poll (a quarter of a second on
   * average, at each hop of a chain: upload, verification, event, notification, mail). A job sent
   * inside a transaction is visible only after its commit, which the queue cannot see: the worker
   * looks soon after, and again a little later; a look that finds nothing costs one query, and
   * the regular polling still finds whatever both missed.
   */
  private wake(name: string, inTransaction: boolean) {
    const id = this.workerIds.get(name);
    if (!id) return;
    const look = () => this.boss.notifyWorker(id);
    if (!inTransaction) return look();
    for (const ms of [20, 150]) setTimeout(look, ms).unref();
  }

  /**
   * Before anything else shuts down: the jobs still running finish while the database and the
   * mail transport they use are still open (closing the mail pool under a send left it hanging).
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    // A worker whose fetch was under way when pg-boss stopped starts its jobs after pg-boss's own
    // wait: they too finish before the database closes (bounded, as pg-boss's wait is).
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((r) => setTimeout(r, 10_000).unref()),
    ]);
  }
}
