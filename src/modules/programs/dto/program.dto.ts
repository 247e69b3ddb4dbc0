import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery, SearchWords } from '../../../platform/http/pagination.js';
import { IsKrw, UUID_PATTERN } from '../../../platform/http/validators.js';
import { ORGANIZATION_CATEGORIES, type OrganizationCategory } from '../../organizations/index.js';
import { PROGRAM_KINDS, type ProgramKind } from '../program-terms.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MoneyTermsDto {
  @ApiProperty({
    example: 8000,
    description: 'Largest government share in basis points (8000 = 80%)',
  })
  @IsInt()
  @Min(1)
  @Max(10_000)
  maxGovernmentRateBp: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 50_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  maxGovernmentKrw: number | null;

  @ApiProperty({ example: 1000, description: 'Least cash part of the own share, basis points' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  minOwnCashOfOwnBp: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'plan' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,39}$/) key: string;
  @ApiProperty({ example: '가공 계획의 구체성' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) @Max(100) weight: number;
}

export class ChecklistItemDto {
  @ApiProperty({ example: 'staff' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,39}$/) key: string;
  @ApiProperty({ example: '데이터 가공 전문 인력 보유' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

/** Overrides of the kind's default terms; anything left out keeps the announcement's number. */
export class TermsDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ORGANIZATION_CATEGORIES, { each: true })
  eligibleCategories?: OrganizationCategory[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean() manufacturersOnly?: boolean;

  @ApiPropertyOptional({ example: 4 }) @IsOptional() @IsInt() @Min(1) @Max(60) maxMonths?: number;

  @ApiPropertyOptional({ type: MoneyTermsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyTermsDto)
  money?: MoneyTermsDto;

  @ApiPropertyOptional({ type: MoneyTermsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyTermsDto)
  nonprofitMoney?: MoneyTermsDto;

  @ApiPropertyOptional({ type: [CriterionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria?: CriterionDto[];

  @ApiPropertyOptional({ type: [ChecklistItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist?: ChecklistItemDto[];

  @ApiPropertyOptional({ example: 60 }) @IsOptional() @IsInt() @Min(0) @Max(100) passScore?: number;
}

export class CreateProgramDto {
  @ApiProperty({ enum: PROGRAM_KINDS })
  @IsIn(PROGRAM_KINDS, { message: `kind must be one of ${PROGRAM_KINDS.join(', ')}` })
  kind: ProgramKind;

  @ApiProperty({ example: '2024년 제조데이터 상품 가공지원' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) description?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'announcedAt must be an ISO 8601 date-time' })
  announcedAt?: string;

  @ApiProperty({ format: 'date-time', example: '2024-03-01T00:00:00+09:00' })
  @IsISO8601({ strict: true }, { message: 'applicationOpensAt must be an ISO 8601 date-time' })
  applicationOpensAt: string;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'null for a rolling call (수시 접수)',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601(
    { strict: true },
    { message: 'applicationClosesAt must be an ISO 8601 date-time or null (rolling)' },
  )
  applicationClosesAt: string | null;

  @ApiPropertyOptional({ example: '2024-04-01' })
  @IsOptional()
  @Matches(DATE, { message: 'evaluationStartsOn must be YYYY-MM-DD' })
  evaluationStartsOn?: string;
  @ApiPropertyOptional({ example: '2024-05-31' })
  @IsOptional()
  @Matches(DATE, { message: 'evaluationEndsOn must be YYYY-MM-DD' })
  evaluationEndsOn?: string;
  @ApiPropertyOptional({ example: '2024-06-30' })
  @IsOptional()
  @Matches(DATE, { message: 'selectionOn must be YYYY-MM-DD' })
  selectionOn?: string;

  @IsOptional()
  @IsKrw(1, { required: false, description: 'Total budget in won; leave out for the pool' })
  budgetKrw?: number;

  @ApiPropertyOptional({ example: 25 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  targetCount?: number;

  @ApiPropertyOptional({ type: TermsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TermsDto)
  terms?: TermsDto;

  @ApiPropertyOptional({ description: 'Stable name for idempotent seeding' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{3,80}$/)
  slug?: string;
}

/**
 * A change to a call. Title, description, dates, budget and target may change at any time; the
 * terms and the opening time only before the call opens (applicants apply on them).
 */
export class UpdateProgramDto extends PartialType(
  OmitType(CreateProgramDto, ['kind', 'slug', 'announcedAt'] as const),
) {}

export class ProgramQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: PROGRAM_KINDS })
  @IsOptional()
  @IsIn(PROGRAM_KINDS)
  kind?: ProgramKind;
  @ApiPropertyOptional({ description: 'Only calls taking applications now' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  open?: boolean;
  @ApiPropertyOptional({ example: 2024, minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;
  @SearchWords('Words to find in the title (any case)')
  q?: string;
}

export class AssignEvaluatorDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Matches(UUID_PATTERN, { message: 'userId must be a UUID' })
  userId: string;
}
