import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
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
import { PageQuery } from '../../../platform/http/pagination.js';
import { IsKrw } from '../../../platform/http/validators.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application-status.js';
import { PoolPlanDto, ProcessingPlanDto, PurchasePlanDto } from './plans.dto.js';

const planSchema = {
  description: "The business plan; its fields follow the call's kind",
  oneOf: [PoolPlanDto, ProcessingPlanDto, PurchasePlanDto].map((c) => ({ $ref: getSchemaPath(c) })),
};

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'The applying organization; you must be its admin' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;

  @ApiProperty(planSchema)
  @IsObject({ message: 'plan must be an object' })
  plan: Record<string, unknown>;
}

export class UpdatePlanDto {
  @ApiProperty(planSchema)
  @IsObject({ message: 'plan must be an object' })
  plan: Record<string, unknown>;
}

export class ReasonDto {
  @ApiPropertyOptional({ example: '사업 일정 변경' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'plan' }) @IsString() criterion: string;
  @ApiProperty({ example: 25 }) @IsInt() @Min(0) @Max(100) points: number;
}

export class ChecklistAnswerDto {
  @ApiProperty({ example: 'staff' }) @IsString() item: string;
  @ApiProperty() @IsBoolean() passed: boolean;
  @ApiProperty({ example: '가공 인력 8명, 경력 증빙 확인' })
  @IsString()
  @MinLength(1, { message: 'each checklist item needs a comment' })
  @MaxLength(2000)
  comment: string;
}

/** A score sheet (`score` and/or `scores` per criterion) or, for the pool, `passed` and/or a checklist. */
export class EvaluationDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Total score of a scored call' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  score?: number;

  @ApiPropertyOptional({
    type: [CriterionScoreDto],
    description: "Points per criterion, each at most the criterion's weight",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores?: CriterionScoreDto[];

  @ApiPropertyOptional({ description: 'Pool: passed every requirement' })
  @IsOptional()
  @IsBoolean()
  passed?: boolean;

  @ApiPropertyOptional({
    type: [ChecklistAnswerDto],
    description: "Pool: every item of the call's checklist, with a comment each",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChecklistAnswerDto)
  checklist?: ChecklistAnswerDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) comment?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['selected', 'rejected'] })
  @IsIn(['selected', 'rejected'], { message: 'decision must be selected or rejected' })
  decision: 'selected' | 'rejected';

  @ApiProperty({ example: '평가 점수 82.5점, 예산 범위 내 선정' })
  @IsString()
  @MinLength(1, { message: 'reason is required' })
  @MaxLength(2000)
  reason: string;
}

export class BulkDecisionItemDto extends DecisionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') applicationId: string;
}

export class BulkDecisionDto {
  @ApiProperty({ type: [BulkDecisionItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BulkDecisionItemDto)
  decisions: BulkDecisionItemDto[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AgreementDto {
  @IsKrw(1, { example: 62_500_000 }) totalCostKrw: number;
  @IsKrw(1, { example: 50_000_000 }) governmentKrw: number;
  @IsKrw(0, { example: 12_500_000 }) ownKrw: number;
  @IsKrw(0, { example: 1_250_000 }) ownCashKrw: number;
  @ApiProperty({ example: '2024-07-01' })
  @Matches(DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn: string;
  @ApiProperty({ example: '2024-10-31' })
  @Matches(DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn: string;
}

export class ApplicationQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class OrganizationApplicationQueryDto extends ApplicationQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the applications to this call' })
  @IsOptional()
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId?: string;
}

export class ConflictQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The person the operator means to assign' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class EligibilityQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId: string;
}
