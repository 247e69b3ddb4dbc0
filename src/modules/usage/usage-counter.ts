import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { seoulDate } from '../../platform/time/seoul-date.js';

export const USAGE_KINDS = [
  'views',
  'searchImpressions',
  'searchClicks',
  'samplePreviews',
] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];
type Counts = Record<UsageKind, number>;

/**
 * Counts what people look at without slowing what they look at: a count is a few additions in
 * memory, and every few seconds (USAGE_FLUSH_SECONDS) one statement adds them all to
 * product_usage_monthly. Instances add their own counts, so any number of them agree; what a
 * crash interrupts is at most those seconds' counts. Nothing about the viewer is kept.
 */
@Injectable()
export class UsageCounter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log = new Logger(UsageCounter.name);
  private pending = new Map<string, Counts>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.usage.flushSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** One more `kind` for each product, in the month of `at` (Seoul). */
  count(productIds: string | readonly string[], kind: UsageKind, at = new Date()): void {
    const month = `${seoulDate(at).slice(0, 7)}-01`;
    for (const id of typeof productIds === 'string' ? [productIds] : productIds) {
      const key = `${id}|${month}`;
      let counts = this.pending.get(key);
      if (!counts) {
        counts = { views: 0, searchImpressions: 0, searchClicks: 0, samplePreviews: 0 };
        this.pending.set(key, counts);
      }
      counts[kind]++;
    }
  }

  /** Adds what was counted since the last flush; on failure keeps it for the next. Answers the rows written. */
  async flush(): Promise<number> {
    // One flush at a time: a second waits for the first, then writes what came since.
    while (this.flushing) await this.flushing;
    if (!this.pending.size) return 0;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.write(batch).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(batch: Map<string, Counts>): Promise<number> {
    const keys = [...batch.keys()];
    const column = (kind: UsageKind) => keys.map((k) => batch.get(k)![kind]);
    try {
      await this.dataSource.query(
        `INSERT INTO product_usage_monthly
           (product_id, month, views, search_impressions, search_clicks, sample_previews)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[], $4::int[], $5::int[], $6::int[])
         ON CONFLICT (product_id, month) DO UPDATE SET
           views = product_usage_monthly.views + EXCLUDED.views,
           search_impressions = product_usage_monthly.search_impressions + EXCLUDED.search_impressions,
           search_clicks = product_usage_monthly.search_clicks + EXCLUDED.search_clicks,
           sample_previews = product_usage_monthly.sample_previews + EXCLUDED.sample_previews,
           updated_at = now()`,
        [
          keys.map((k) => k.split('|')[0]),
          keys.map((k) => k.split('|')[1]),
          ...USAGE_KINDS.map(column),
        ],
      );
      return keys.length;
    } catch (err) {
      // Kept for the next flush, added to what came meanwhile.
      for (const [key, counts] of batch) {
        const now = this.pending.get(key);
        if (!now) this.pending.set(key, counts);
        else for (const kind of USAGE_KINDS) now[kind] += counts[kind];
      }
      this.log.warn(
        `usage figures not written yet (${(err as Error).message}); kept for the next try`,
      );
      return 0;
    }
  }
}
