import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery, SearchWords } from '../../../platform/http/pagination.js';
import { MEDIA_TYPE_PATTERN } from '../../../platform/http/validators.js';
import { DATA_TYPES, type DataType } from '../dataset.entity.js';
import { MAX_PART_BYTES, MAX_PARTS, MIN_PART_BYTES } from '../upload-plan.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateDatasetDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The organization that holds the data; you must be its member',
  })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;

  @ApiProperty({ example: '용해탱크 공정 데이터' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) description?: string;

  @ApiPropertyOptional({ example: '24311', description: 'KSIC code of the industry' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'industryCode must be a KSIC code of 2 to 5 digits' })
  industryCode?: string;

  @ApiPropertyOptional({ example: '용해·교반' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  process?: string;
  @ApiPropertyOptional({ example: '용해탱크' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  equipment?: string;

  @ApiProperty({ enum: DATA_TYPES })
  @IsIn(DATA_TYPES, { message: `dataType must be one of ${DATA_TYPES.join(', ')}` })
  dataType: DataType;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  timeRangeStart?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  timeRangeEnd?: string;

  @ApiPropertyOptional({ example: ['용해', '품질', 'KAMP'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];
}

export class DeclaredColumnDto {
  @ApiProperty({ example: 'MELT_TEMP' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiPropertyOptional({ enum: ['string', 'number', 'integer', 'boolean', 'timestamp'] })
  @IsOptional()
  @IsIn(['string', 'number', 'integer', 'boolean', 'timestamp'])
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'timestamp';
  @ApiPropertyOptional() @IsOptional() @IsNumber() min?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() max?: number;
  @ApiPropertyOptional({ example: ['OK', 'NG'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  allowed?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() required?: boolean;
}

export class CreateVersionDto {
  @ApiPropertyOptional({ example: '2020년 3월 데이터' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  @ApiPropertyOptional({
    type: [DeclaredColumnDto],
    description: 'Declared columns; quality verification counts values outside them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DeclaredColumnDto)
  schema?: DeclaredColumnDto[];
}

export class StartUploadDto {
  @ApiProperty({
    example: '정상 데이터 수집.csv',
    description: 'Shown as given (normalised to NFC); never used as a storage key',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name: string;

  @ApiProperty({ example: 420050 })
  @IsInt({ message: 'sizeBytes must be a whole number of bytes' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sizeBytes: number;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hexadecimal characters' })
  sha256: string;

  @ApiProperty({ example: 'text/csv' })
  @Matches(MEDIA_TYPE_PATTERN, {
    message:
      'contentType must be a media type in printable ASCII like text/csv or text/csv; charset=utf-8',
  })
  @MaxLength(200)
  contentType: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 8388608,
    description:
      'Part size of your choice: whole MiB, 5 MiB to 5 GiB, at most 10,000 parts. By default 8 MiB (more when a file would need over 10,000 parts).',
  })
  @IsOptional()
  @IsInt({ message: 'partSizeBytes must be a whole number of bytes' })
  @Min(MIN_PART_BYTES, { message: 'partSizeBytes must be at least 5 MiB (5242880)' })
  @Max(MAX_PART_BYTES, { message: 'partSizeBytes must be at most 5 GiB (5368709120)' })
  partSizeBytes?: number;

  @ApiPropertyOptional({
    type: [String],
    description:
      "Each part's SHA-256 (hex), in order. Storage then checks every part as it arrives: send each part's `headers` with its PUT; a part with other bytes is refused (400 BadDigest). Completing reads nothing back, and the whole file's SHA-256 is checked when the quality job reads the file: a file whose bytes do not match it fails verification and can never be listed. Without it, completing reads the stored file back to check its SHA-256.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PARTS)
  @Matches(/^[0-9a-f]{64}$/, {
    each: true,
    message: 'each partSha256 must be 64 lowercase hexadecimal characters',
  })
  partSha256?: string[];
}

export class CompletedPartDto {
  @ApiProperty() @IsInt() @Min(1) @Max(10_000) partNumber: number;
  @ApiProperty({
    example: '"9b2cf535f27731c974343645a3985328"',
    description: 'Exactly as storage returned it, quotes included',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  etag: string;
}

export class CompleteUploadDto {
  @ApiProperty({ type: [CompletedPartDto] })
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => CompletedPartDto)
  parts: CompletedPartDto[];
}

export class DatasetQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: DATA_TYPES }) @IsOptional() @IsIn(DATA_TYPES) dataType?: DataType;

  @SearchWords('Words to find in the title (any case)')
  q?: string;
}

export class VersionParam {
  @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}
