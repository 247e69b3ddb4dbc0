import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The quality report as clients see it (the shapes of report.types.ts, written for OpenAPI). */

const QUALITY_STATUSES = ['PENDING', 'RUNNING', 'PASSED', 'FAILED'];
const FILE_KINDS = ['table', 'other', 'empty'];
const scalar = { oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true };

/** Empty until the job has counted the files. */
export class QualityProgressView {
  @ApiPropertyOptional({ type: 'integer' }) filesDone?: number;
  @ApiPropertyOptional({ type: 'integer' }) filesTotal?: number;
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'The file being read' })
  current?: string | null;
  @ApiPropertyOptional({
    enum: ['download', 'read', 'measure'],
    nullable: true,
    description:
      'What is being done to the current file: fetched from storage, read into the profiler, measured',
  })
  step?: 'download' | 'read' | 'measure' | null;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'How far the current file is, all steps together',
  })
  percent?: number | null;
}

export class ColumnProfileView {
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty({ type: 'integer' }) missing: number;
  @ApiProperty({ type: 'integer' }) distinct: number;
  @ApiProperty(scalar) min: number | string | null;
  @ApiProperty(scalar) max: number | string | null;
  @ApiProperty({ type: 'number', nullable: true }) mean: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Values outside the declared schema; null when no schema covers the column',
  })
  invalid: number | null;
}

export class TimeSeriesProfileView {
  @ApiProperty() column: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'strptime format of a text column' })
  format: string | null;
  @ApiProperty({ type: 'string', nullable: true }) first: string | null;
  @ApiProperty({ type: 'string', nullable: true }) last: string | null;
  @ApiProperty({ type: 'integer' }) outOfOrder: number;
  @ApiProperty({ type: 'integer' }) repeated: number;
  @ApiProperty({ type: 'number', nullable: true }) medianIntervalSeconds: number | null;
  @ApiProperty({ type: 'integer' }) gaps: number;
  @ApiProperty({ type: 'number', nullable: true }) largestGapSeconds: number | null;
}

export class SpellingVariantView {
  @ApiProperty() column: string;
  @ApiProperty({ type: [String], description: 'The most frequent spelling first' })
  spellings: string[];
  @ApiProperty({ type: 'integer' }) rows: number;
}

export class ScorePartView {
  @ApiProperty() name: string;
  @ApiProperty({ type: 'number' }) weight: number;
  @ApiProperty({ type: 'number' }) value: number;
  @ApiProperty() explanation: string;
  @ApiProperty({
    required: false,
    description: 'The same explanation in Korean; absent from reports made before it was added',
  })
  explanationKo?: string;
}

export class ScoreBreakdownView {
  @ApiProperty({ type: 'number' }) score: number;
  @ApiProperty({ type: [ScorePartView] }) parts: ScorePartView[];
  @ApiProperty() formula: string;
}

export class FileReportView {
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ enum: FILE_KINDS }) kind: string;
  @ApiProperty({ type: 'string', nullable: true }) format: string | null;
  @ApiProperty({ type: 'string', nullable: true }) mediaType: string | null;
  @ApiProperty({ type: 'string', nullable: true }) encoding: string | null;
  @ApiProperty({ type: 'string', nullable: true }) delimiter: string | null;
  @ApiProperty({ type: 'boolean', nullable: true }) header: boolean | null;
  @ApiProperty({ type: 'integer', nullable: true }) rows: number | null;
  @ApiProperty({ type: [ColumnProfileView] }) columns: ColumnProfileView[];
  @ApiProperty({ type: 'integer', nullable: true }) duplicateRows: number | null;
  @ApiProperty({ type: TimeSeriesProfileView, nullable: true })
  timeSeries: TimeSeriesProfileView | null;
  @ApiProperty({ type: [SpellingVariantView] }) spellingVariants: SpellingVariantView[];
  @ApiProperty({ type: [String] }) schemaProblems: string[];
  @ApiProperty({ type: ScoreBreakdownView, nullable: true }) score: ScoreBreakdownView | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why the file could not be read' })
  error: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    required: false,
    description: 'The same in Korean; absent from reports made before it was added',
  })
  errorKo?: string | null;
  @ApiProperty({ description: 'Whether GET …/previews/{fileId} has rows to show' })
  hasPreview: boolean;
}

export class FileSummaryView {
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FILE_KINDS }) kind: string;
  @ApiProperty({ type: 'integer', nullable: true }) rows: number | null;
  @ApiProperty({ type: 'number', nullable: true }) score: number | null;
  @ApiProperty({ type: 'string', nullable: true }) error: string | null;
  @ApiProperty({ type: 'string', nullable: true, required: false }) errorKo?: string | null;
}

class QualityHeader {
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty({ enum: QUALITY_STATUSES }) status: string;
  @ApiProperty({ type: 'number', nullable: true, description: '0 to 100' }) score: number | null;
  @ApiProperty({ type: 'number' }) passScore: number;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty({
    type: [String],
    description: 'The same reasons in Korean; empty for reports made before they were added',
  })
  reasonsKo: string[];
  @ApiProperty({ type: QualityProgressView }) progress: QualityProgressView;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: Date | null;
}

export class QualityReportView extends QualityHeader {
  @ApiProperty({ type: [FileReportView] }) files: FileReportView[];
}

export class QualitySummaryView extends QualityHeader {
  @ApiProperty({ type: [FileSummaryView] }) files: FileSummaryView[];
}
