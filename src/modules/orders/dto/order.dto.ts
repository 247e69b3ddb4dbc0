import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination.js';
import { IsKrw } from '../../../platform/http/validators.js';
import { ORDER_STATUSES, type OrderStatus } from '../order.entity.js';

export class QuoteDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'voucherId must be a UUID' })
  voucherId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The buying organization (defaults to the voucher holder)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId must be a UUID' })
  productId: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'voucherId must be a UUID' })
  voucherId?: string;
  @ApiProperty({ format: 'uuid', description: 'The buying organization; you must be its member' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;
  @IsKrw(1, {
    example: 1_600_000,
    description:
      "The price the buyer agreed to (its quote's priceKrw); a different current price answers 409 PRICE_CHANGED",
  })
  expectedPriceKrw: number;
}

export class DownloadQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The entitled organization; leave out when you belong to one',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
  @ApiPropertyOptional({
    description: 'A version bought or later; defaults to the newest',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export class EntitlementQueryDto extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Whose entitlements; leave out when you belong to one organization',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

export class OrderQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES, { message: `status must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus;
}

export const ORDER_SIDES = ['bought', 'sold'] as const;

export class OrganizationOrdersQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ORDER_SIDES,
    description:
      "Only the organization's purchases (bought) or only its sales (sold); both when left out",
  })
  @IsOptional()
  @IsIn(ORDER_SIDES, { message: `side must be one of ${ORDER_SIDES.join(', ')}` })
  side?: (typeof ORDER_SIDES)[number];
}

export class PayoutDto {
  @IsKrw(1, { example: 2_400_000 }) amountKrw: number;
  @ApiProperty({ example: '2024-07 정산, 이체 확인번호 1234' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reference: string;
}
