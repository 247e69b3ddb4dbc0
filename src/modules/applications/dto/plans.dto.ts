import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsKrw } from '../../../platform/http/validators.js';
import type { ProgramKind } from '../../programs/index.js';
import { TECHNOLOGIES, type Technology } from '../../processors/index.js';

class PlanBase {
  @ApiProperty({ example: '사출 성형 공정 센서 데이터를 AI 학습용 상품으로 가공' })
  @IsString()
  @MinLength(1, { message: 'plan.summary must not be empty' })
  @MaxLength(5000)
  summary: string;
}

/** Processor pool: who does the work and with what. */
export class PoolPlanDto extends PlanBase {
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(100_000) staffCount: number;

  @ApiProperty({ enum: TECHNOLOGIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'technologies must name at least one technology' })
  @IsIn(TECHNOLOGIES, {
    each: true,
    message: `each technology must be one of ${TECHNOLOGIES.join(', ')}`,
  })
  technologies: Technology[];

  @ApiProperty({ example: ['29', '22'], description: 'KSIC codes of the industries served' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^\d{2,5}$/, {
    each: true,
    message: 'each industry must be a KSIC code of 2 to 5 digits',
  })
  industries: string[];

  @ApiProperty({ example: ['2023 자동차 부품 공정 데이터 라벨링 (A사)'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  references: string[];

  @ApiPropertyOptional({ example: '경기' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;
}

/** Processing support: the data collected and what to make of it. */
export class ProcessingPlanDto extends PlanBase {
  @ApiProperty({ example: '용해탱크 온도·교반속도·중량 센서, 1분 10건' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  dataDescription: string;
  @ApiProperty({ example: '약 80만 행, 6개 센서, 2년치' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  dataVolume: string;
  @ApiProperty({ example: '불량 예측 학습 데이터셋 상품화' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  goals: string;
  @ApiPropertyOptional({
    enum: TECHNOLOGIES,
    isArray: true,
    description: 'The processing it needs; matching suggests processors that offer it first',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TECHNOLOGIES.length)
  @IsIn(TECHNOLOGIES, {
    each: true,
    message: `each technology must be one of ${TECHNOLOGIES.join(', ')}`,
  })
  technologiesWanted?: Technology[];
  @IsKrw(1, { example: 50_000_000 }) requestedGovernmentKrw: number;
}

/** Purchase support: what to buy and what for. */
export class PurchasePlanDto extends PlanBase {
  @ApiProperty({ example: ['용해탱크 품질 예측 데이터셋'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'productsWanted must name at least one product' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  productsWanted: string[];

  @ApiProperty({ example: '사내 불량 예측 모델 학습' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  intendedUse: string;
  @IsKrw(1, { example: 8_000_000 }) requestedGovernmentKrw: number;
}

export const PLAN_CLASSES: Record<ProgramKind, new () => object> = {
  PROCESSOR_POOL: PoolPlanDto,
  PROCESSING_SUPPORT: ProcessingPlanDto,
  PURCHASE_SUPPORT: PurchasePlanDto,
};
