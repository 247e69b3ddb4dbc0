import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class UsageQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month (default: 11 months before `to`)',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12',
    description: 'Last month (default: this month, Seoul)',
  })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @Matches(/^(json|csv|xlsx)$/, { message: 'format must be json, csv or xlsx' })
  format?: 'json' | 'csv' | 'xlsx';
}

export class ExchangeUsageQuery extends UsageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "One program's products: those its processing projects made, or its vouchers bought",
  })
  @IsOptional()
  @IsUUID('all', { message: 'programId must be a UUID' })
  programId?: string;
}

export class UsageMonthView {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ type: 'integer', description: 'Data-card views (not the seller’s own)' })
  views: number;
  @ApiProperty({ type: 'integer', description: 'Search result pages that showed it' })
  searchImpressions: number;
  @ApiProperty({ type: 'integer', description: 'Data-card views reached from search results' })
  searchClicks: number;
  @ApiProperty({ type: 'integer' }) samplePreviews: number;
  @ApiProperty({ type: 'integer' }) accessRequests: number;
  @ApiProperty({
    type: 'integer',
    description: 'Orders paid that month (refunded ones not counted)',
  })
  orders: number;
  @ApiProperty({ type: 'integer' }) revenueKrw: number;
  @ApiProperty({ type: 'integer', description: 'Paid by vouchers' }) voucherKrw: number;
  @ApiProperty({ type: 'integer', description: "Paid by the buyers' own share" }) ownKrw: number;
}

export class BuyersByIndustryView {
  @ApiProperty({ description: 'KSIC division (the first two digits)' }) industryDivision: string;
  @ApiProperty({ type: 'integer' }) buyers: number;
  @ApiProperty({ type: 'integer' }) orders: number;
  @ApiProperty({ type: 'integer' }) revenueKrw: number;
}

export class BuyersByCategoryView {
  @ApiProperty({ description: 'SME, NONPROFIT, …' }) category: string;
  @ApiProperty({ type: 'integer' }) buyers: number;
  @ApiProperty({ type: 'integer' }) orders: number;
  @ApiProperty({ type: 'integer' }) revenueKrw: number;
}

export class UsageBuyersView {
  @ApiProperty({ type: [BuyersByIndustryView] }) byIndustry: BuyersByIndustryView[];
  @ApiProperty({ type: [BuyersByCategoryView] }) byCategory: BuyersByCategoryView[];
}

export class UsageReportView {
  @ApiPropertyOptional({ format: 'uuid' }) productId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) programId?: string;
  @ApiProperty({ example: '2026-01' }) from: string;
  @ApiProperty({ example: '2026-12' }) to: string;
  @ApiProperty({ type: [UsageMonthView] }) months: UsageMonthView[];
  @ApiProperty({
    type: UsageBuyersView,
    description: 'Paid orders in the range: counts, never names',
  })
  buyers: UsageBuyersView;
}
