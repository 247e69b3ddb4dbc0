import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An industry that may not apply (KSIC code or code prefix): data the operator edits, seeded
 * with the announcement's exclusions.
 */
@Entity('excluded_industries')
export class ExcludedIndustry {
  /** A KSIC code; it excludes every code that starts with it. */
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** The announcement's group, for example 유흥·향락업. */
  @Column({ type: 'text' })
  reason: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
