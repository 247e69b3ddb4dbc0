import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination.js';
import { IsKrw, Optional } from '../../../platform/http/validators.js';
import { DATA_TYPES, type DataType } from '../../datasets/index.js';

/** The highest price a product may have: 10,000,000,000 won (100억 원), far above any data product. */
export const MAX_PRICE_KRW = 10_000_000_000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Whether the seller vets its buyers (access requests), and what it asks them: on a new product and in a change. */
class ProductApprovalDto {
  @ApiPropertyOptional({
    description:
      'The seller vets its buyers: each must ask for access and be approved before ordering',
  })
  @Optional()
  @IsBoolean()
  approvalRequired?: boolean;
  @ApiPropertyOptional({
    example: '데이터를 어떤 목적으로 사용하실 예정인가요? 외부 제공 계획이 있나요?',
    description: 'What a buyer asking for access should tell you',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  approvalQuestion?: string;
}

export class CreateProductDto extends ProductApprovalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'datasetId must be a UUID' })
  datasetId: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
  @ApiProperty({ example: '용해탱크 품질 예측 데이터셋' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) description?: string;
  @IsKrw(1, { example: 3_000_000, maximum: MAX_PRICE_KRW }) priceKrw: number;
  @ApiProperty({ example: 'COMMERCIAL', description: 'Code of a licence template (GET /licences)' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, {
    message: 'license must be the code of a licence template, like COMMERCIAL',
  })
  license: string;
  @ApiPropertyOptional({ example: ['용해', '품질예측'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];
}

export class UpdateProductDto extends ProductApprovalDto {
  @ApiPropertyOptional()
  @Optional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(20_000) description?: string;
  @Optional() @IsKrw(1, { required: false, maximum: MAX_PRICE_KRW }) priceKrw?: number;
  @ApiPropertyOptional() @Optional() @Matches(/^[A-Z][A-Z0-9_]{1,39}$/) license?: string;
  @ApiPropertyOptional()
  @Optional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];
}

export class RevisionDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(2_147_483_647) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

export class ProductSearchDto extends PageQuery {
  @ApiPropertyOptional({
    description: 'Words in Korean or English; a two-syllable Korean word finds its products',
    example: '용해',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: '24', description: 'KSIC code or prefix' })
  @IsOptional()
  @Matches(/^\d{1,5}$/, { message: 'industryCode must be a KSIC code or prefix' })
  industryCode?: string;

  @ApiPropertyOptional({ enum: DATA_TYPES }) @IsOptional() @IsIn(DATA_TYPES) dataType?: DataType;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minPriceKrw must be a whole number of won' })
  @Min(0)
  @Max(MAX_PRICE_KRW, { message: `minPriceKrw must be at most ${MAX_PRICE_KRW} won` })
  minPriceKrw?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'maxPriceKrw must be a whole number of won' })
  @Min(0)
  @Max(MAX_PRICE_KRW, { message: `maxPriceKrw must be at most ${MAX_PRICE_KRW} won` })
  maxPriceKrw?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @Max(100)
  minQuality?: number;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  processorOrganizationId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  processingSupported?: boolean;
  @ApiPropertyOptional({ example: 'COMMERCIAL', description: 'A licence code (GET /licences)' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'license must be a licence code, like COMMERCIAL' })
  license?: string;
  @ApiPropertyOptional({ enum: ['relevance', 'newest', 'price_asc', 'price_desc'] })
  @IsOptional()
  @IsIn(['relevance', 'newest', 'price_asc', 'price_desc'])
  sort?: 'relevance' | 'newest' | 'price_asc' | 'price_desc';
}

export class LicenceDto {
  @ApiProperty({ example: 'Commercial use with derivatives' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
  @ApiProperty({ example: '상업적 이용 및 2차 저작물 허용' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nameKo: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) terms: string;
  @ApiProperty({ example: 12 }) @IsInt() @Min(1) @Max(120) termMonths: number;
  @ApiProperty() @IsBoolean() commercialUse: boolean;
  @ApiProperty() @IsBoolean() derivatives: boolean;
}
