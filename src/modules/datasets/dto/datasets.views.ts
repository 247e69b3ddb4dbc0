import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QualitySummaryView } from '../../quality/index.js';
import { DATA_TYPES, type Dataset } from '../dataset.entity.js';
import type { DatasetFile } from '../dataset-file.entity.js';
import type { DatasetVersion } from '../dataset-version.entity.js';

const FILE_STATUSES = ['UPLOADING', 'VERIFYING', 'AVAILABLE', 'FAILED', 'ABORTED'];

export class DatasetView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'KSIC code' })
  industryCode: string | null;
  @ApiProperty({ type: 'string', nullable: true }) process: string | null;
  @ApiProperty({ type: 'string', nullable: true }) equipment: string | null;
  @ApiProperty({ enum: DATA_TYPES }) dataType: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  timeRangeStart: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) timeRangeEnd: Date | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export class VersionQualityBriefView {
  @ApiProperty({ enum: ['PENDING', 'RUNNING', 'PASSED', 'FAILED'] }) status: string;
  @ApiProperty({ type: 'number', nullable: true }) score: number | null;
}

export class DatasetVersionBriefView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: ['DRAFT', 'SEALED'] }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) sealedAt: Date | null;
  @ApiProperty({ type: VersionQualityBriefView, nullable: true })
  quality: VersionQualityBriefView | null;
}

export class DatasetDetailView extends DatasetView {
  @ApiProperty({ type: [DatasetVersionBriefView] }) versions: DatasetVersionBriefView[];
}

export class DatasetFileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, hex' }) sha256: string;
  @ApiProperty() contentType: string;
  @ApiProperty({ enum: FILE_STATUSES }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) failureReason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt: Date | null;
}

export class DeclaredColumnView {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ enum: ['string', 'number', 'integer', 'boolean', 'timestamp'] })
  type?: string;
  @ApiPropertyOptional({ type: 'number' }) min?: number;
  @ApiPropertyOptional({ type: 'number' }) max?: number;
  @ApiPropertyOptional({ type: [String] }) allowed?: string[];
  @ApiPropertyOptional() required?: boolean;
}

export class DatasetVersionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) datasetId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: ['DRAFT', 'SEALED'] }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) notes: string | null;
  @ApiProperty({ type: [DeclaredColumnView], nullable: true }) schema: DeclaredColumnView[] | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true })
  sealedAt?: Date | null;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true }) sealedBy?: string | null;
  @ApiPropertyOptional({ type: [DatasetFileView] }) files?: DatasetFileView[];
  @ApiPropertyOptional({ type: QualitySummaryView, nullable: true })
  quality?: QualitySummaryView | null;
}

export class UploadPartView {
  @ApiProperty({ type: 'integer', minimum: 1 }) partNumber: number;
  @ApiProperty({ description: 'Presigned PUT URL for this part, exactly partSizeBytes long' })
  url: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      "Headers to send with the PUT, signed into the URL: the part's checksum (`x-amz-checksum-sha256`) when partSha256 was given; empty otherwise",
    example: { 'x-amz-checksum-sha256': 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=' },
  })
  headers: Record<string, string>;
}

export class UploadStartView {
  @ApiProperty({ format: 'uuid' }) uploadId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) partSizeBytes: number;
  @ApiProperty({ type: 'integer' }) partCount: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) expiresAt: Date;
  @ApiProperty({ type: [UploadPartView] }) parts: UploadPartView[];
}

export function datasetView(d: Dataset): DatasetView {
  return {
    id: d.id,
    organizationId: d.organizationId,
    title: d.title,
    description: d.description,
    industryCode: d.industryCode,
    process: d.process,
    equipment: d.equipment,
    dataType: d.dataType,
    timeRangeStart: d.timeRangeStart,
    timeRangeEnd: d.timeRangeEnd,
    tags: d.tags,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function fileView(f: DatasetFile): DatasetFileView {
  return {
    id: f.id,
    name: f.name,
    sizeBytes: Number(f.sizeBytes),
    sha256: f.sha256,
    contentType: f.contentType,
    status: f.status,
    failureReason: f.failureReason,
    createdAt: f.createdAt,
    completedAt: f.completedAt,
  };
}

/** A version; with its files and quality summary when given (GET), without when just made. */
export function versionView(
  v: DatasetVersion,
  more?: { files: DatasetFile[]; quality: QualitySummaryView | null },
): DatasetVersionView {
  return {
    id: v.id,
    datasetId: v.datasetId,
    version: v.version,
    status: v.status,
    notes: v.notes,
    schema: v.schema,
    createdAt: v.createdAt,
    ...(more && {
      sealedAt: v.sealedAt,
      sealedBy: v.sealedBy,
      files: more.files.filter((f) => f.status !== 'ABORTED').map(fileView),
      quality: more.quality,
    }),
  };
}
