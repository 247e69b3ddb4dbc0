import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * How often a product was seen, per Seoul calendar month: counts only, never who. The counter
 * adds to these rows in batches (usage-counter.ts); orders, money and access requests are counted
 * from their own tables when the figures are read.
 */
@Entity('product_usage_monthly')
export class ProductUsageMonth {
  @PrimaryColumn({ type: 'uuid' })
  productId: string;

  /** The month's first day (YYYY-MM-01). */
  @PrimaryColumn({ type: 'date' })
  month: string;

  /** Data-card views (its seller's own members not counted). */
  @Column({ type: 'int', default: 0 })
  views: number;

  /** Search result pages that showed it. */
  @Column({ type: 'int', default: 0 })
  searchImpressions: number;

  /** Data-card views reached from a search result. */
  @Column({ type: 'int', default: 0 })
  searchClicks: number;

  @Column({ type: 'int', default: 0 })
  samplePreviews: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
