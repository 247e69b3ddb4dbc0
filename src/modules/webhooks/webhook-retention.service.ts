import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { JobQueue } from '../../platform/jobs/job-queue.js';

export const WEBHOOK_PRUNE_JOB = 'webhooks.prune';
/** Deliveries removed a statement at a time, so no statement holds many rows' locks for long. */
const BATCH = 5_000;

/**
 * Finished webhook deliveries (delivered, or failed for good) and their attempts are kept for
 * WEBHOOK_DELIVERY_RETENTION_DAYS, then removed once a day: an organization can look at and
 * redeliver a recent delivery, and the tables do not grow without end. A delivery still being
 * retried is never removed. The event's fan-out is recorded by the outbox, not here, so a
 * removed delivery is never made again.
 */
@Injectable()
export class WebhookRetention implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.work(WEBHOOK_PRUNE_JOB, () => this.prune().then(() => undefined), 1, {
      pollSeconds: 30,
    });
    this.jobs.schedule(WEBHOOK_PRUNE_JOB, '40 15 * * *'); // 00:40 in Seoul
  }

  /** Removes finished deliveries older than the retention; answers how many. */
  async prune(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.webhooks.retentionDays * 86_400_000);
    let removed = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `WITH old AS (
           SELECT id FROM webhook_deliveries
            WHERE status IN ('SUCCEEDED', 'FAILED') AND created_at < $1
            LIMIT ${BATCH}),
         attempts AS (DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM old))
         DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM old)`,
        [before],
      )) as [unknown, number];
      removed += count;
      if (count < BATCH) break;
    }
    if (removed)
      this.logger.log(
        `removed ${removed} webhook deliveries finished before ${before.toISOString()}`,
      );
    return removed;
  }
}
