import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

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
}

export class DownloadQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The entitled organization' })
  @IsUUID('all')
  organizationId: string;
  @ApiPropertyOptional({ description: 'A version bought or later; defaults to the newest' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class EntitlementQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') organizationId: string;
}
