import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsKrw } from '../../../platform/http/validators.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class MatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'processorOrganizationId must be a UUID' })
  processorOrganizationId: string;
}

export class DeliverableDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') datasetId: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
}

export class SubmitMilestoneDto {
  @ApiProperty({ type: [DeliverableDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one deliverable dataset version' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DeliverableDto)
  deliverables: DeliverableDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class MilestoneDecisionDto {
  @ApiPropertyOptional({ description: 'Required when an operator overrides, and when returning' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export class InKindDto {
  @IsKrw(1, { example: 5_000_000 }) amountKrw: number;
  @ApiProperty({ example: '설비 엔지니어 2명 × 1개월 (데이터 수집 지원)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;
}

export class ShareRawDataDto {
  @ApiProperty({ format: 'uuid', description: "A dataset of the owner's organization" })
  @IsUUID('all')
  datasetId: string;
}
