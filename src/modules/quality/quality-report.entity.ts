import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { DatasetVersion } from '../datasets/index.js';
import type { FileReport } from './report.types.js';

export type QualityStatus = 'PENDING' | 'RUNNING' | 'PASSED' | 'FAILED';

/** The quality report (품질 검증) of a sealed version, measured on its files. */
/**
 * How far a running verification is: files done of all, the file being read, and within it the
 * step (download, read into DuckDB, measure) and how far that file is overall, 0-100.
 */
export interface QualityProgress {
  filesDone?: number;
  filesTotal?: number;
  current?: string | null;
  step?: 'download' | 'read' | 'measure' | null;
  percent?: number | null;
}

@Entity('quality_reports')
@Check(`status IN ('PENDING', 'RUNNING', 'PASSED', 'FAILED')`)
export class QualityReport {
  @PrimaryColumn('uuid')
  versionId: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: QualityStatus;

  /** While running: which file, how many done. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  progress: QualityProgress;

  /** 0-100 with one decimal; null when no file is a table. */
  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true })
  score: string | null;

  @Column({ type: 'int' })
  passScore: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  files: FileReport[];

  /** Why it failed, in sentences. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons: string[];

  /** The same reasons in Korean (empty for reports made before they were). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasonsKo: string[];

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  // By name: quality does not load datasets' code (no import cycle).
  @OneToOne('DatasetVersion', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<DatasetVersion>;
}
