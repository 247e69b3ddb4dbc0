import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { DeclaredColumn } from '../quality/index.js';
import { Dataset } from './dataset.entity.js';

/** A numbered version of a dataset: files are added while it is a draft; sealing freezes it for good. */
@Entity('dataset_versions')
@Index(['datasetId', 'version'], { unique: true })
@Check(`status IN ('DRAFT', 'SEALED')`)
export class DatasetVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  datasetId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text', default: 'DRAFT' })
  status: 'DRAFT' | 'SEALED';

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Columns the owner declares; quality verification counts values outside them. */
  @Column({ type: 'jsonb', nullable: true })
  schema: DeclaredColumn[] | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sealedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  sealedBy: string | null;

  @ManyToOne(() => Dataset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Relation<Dataset>;
}
