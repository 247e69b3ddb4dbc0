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
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';
import { DatasetVersion } from './dataset-version.entity.js';

export type FileStatus = 'UPLOADING' | 'VERIFYING' | 'AVAILABLE' | 'FAILED' | 'ABORTED';

/**
 * A file of a version, and its upload: the client sends the bytes straight to storage by
 * presigned multipart upload; the service checks size and SHA-256 before the file is AVAILABLE.
 */
@Entity('dataset_files')
@Index(['versionId'])
@Index('UQ_dataset_files_name', ['versionId', 'name'], {
  unique: true,
  where: `status IN ('UPLOADING', 'VERIFYING', 'AVAILABLE')`,
})
@Index(['status', 'createdAt'])
@Check(`status IN ('UPLOADING', 'VERIFYING', 'AVAILABLE', 'FAILED', 'ABORTED')`)
@Check(`size_bytes >= 0`)
@Check(`sha256 ~ '^[0-9a-f]{64}$'`)
@Check(`part_sha256 IS NULL OR cardinality(part_sha256) = part_count`)
export class DatasetFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  /** The name as the user gave it, normalised to Unicode NFC; shown, never used as a storage key. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', unique: true })
  storageKey: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  sizeBytes: bigint;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'text', default: 'UPLOADING' })
  status: FileStatus;

  /** The storage's multipart upload id while uploading. */
  @Column({ type: 'text', nullable: true })
  multipartId: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  partSizeBytes: bigint;

  @Column({ type: 'int' })
  partCount: number;

  /**
   * Each part's SHA-256 (hex), when the uploader declared them: storage checks every part as it
   * arrives, completing reads nothing back, and the whole file's SHA-256 is checked when the
   * quality job reads the file.
   */
  @Column({ type: 'text', array: true, nullable: true })
  partSha256: string[] | null;

  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @ManyToOne(() => DatasetVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: Relation<DatasetVersion>;
}
