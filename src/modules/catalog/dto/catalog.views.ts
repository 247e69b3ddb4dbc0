import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '../../../platform/openapi/answers.js';

export class LicenceView {
  @ApiProperty({ type: 'string' }) code: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) nameKo: string;
  @ApiProperty({ type: 'string' }) terms: string;
  @ApiProperty({ type: 'integer' }) termMonths: number;
  @ApiProperty({ type: 'boolean' }) commercialUse: boolean;
  @ApiProperty({ type: 'boolean' }) derivatives: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) updatedBy: string | null;
}

export class PricingGuideView {
  @ApiProperty({ type: 'integer' }) suggestedPriceKrw: number;
  @ApiProperty({ type: 'string' }) explanation: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) inputs: Record<string, unknown>;
}

export class ProductPricingGuideView {
  @ApiProperty({ type: 'object', additionalProperties: true }) inputs: Record<string, unknown>;
  @ApiProperty({ type: 'string' }) explanation: string;
  @ApiProperty({ type: 'integer' }) suggestedPriceKrw: number;
}

export class ProductRevisionView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'string', nullable: true }) notes: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) addedAt: Date;
}

export class ProductSampleView {
  @ApiProperty({ type: 'string', format: 'uuid' }) fileId: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) url: string;
}

export class ProductQualityFileTimeSeriesView {
  @ApiProperty({ type: 'string' }) column: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) first: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) last: Date;
}

export class ProductQualityFileColumnView {
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) type: string;
  @ApiProperty({ type: 'integer' }) missing: number;
}

export class ProductQualityFileView {
  @ApiProperty({ type: 'string', format: 'uuid' }) fileId: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) kind: string;
  @ApiProperty({ type: 'integer' }) rows: number;
  @ApiProperty({ type: () => [ProductQualityFileColumnView] })
  columns: ProductQualityFileColumnView[];
  @ApiProperty({ type: () => ProductQualityFileTimeSeriesView })
  timeSeries: ProductQualityFileTimeSeriesView;
  @ApiProperty({ type: 'integer' }) score: number;
}

export class ProductQualityView {
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'integer' }) score: number;
  @ApiProperty({ type: () => [ProductQualityFileView] }) files: ProductQualityFileView[];
}

export class ProductProcessorView {
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) name: string;
}

export class ProductSellerView {
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) name: string;
}

export class ProductLicenceView {
  @ApiProperty({ type: 'string' }) code: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) nameKo: string;
  @ApiProperty({ type: 'string' }) terms: string;
  @ApiProperty({ type: 'integer' }) termMonths: number;
  @ApiProperty({ type: 'boolean' }) commercialUse: boolean;
  @ApiProperty({ type: 'boolean' }) derivatives: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) updatedBy: string | null;
}

export class ProductView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) datasetId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) versionId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'string' }) title: string;
  @ApiProperty({ type: 'string' }) description: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty({ type: 'string' }) licenceCode: string;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) industryCode: string | null;
  @ApiProperty({ type: 'string' }) dataType: string;
  @ApiProperty({ type: 'string', isArray: true }) tags: string[];
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) processorOrganizationId:
    string | null;
  @ApiProperty({ type: 'boolean' }) processingSupported: boolean;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) processingProjectId:
    string | null;
  @ApiProperty({ type: 'integer', nullable: true }) qualityScore: number | null;
  @ApiProperty({ type: 'integer' }) rowCount: number;
  @ApiProperty({ type: 'integer' }) fileCount: number;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) listedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) firstListedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) delistedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) delistReason: string | null;
  @ApiProperty({ type: 'string', format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiPropertyOptional({ type: () => ProductLicenceView }) licence?: ProductLicenceView;
  @ApiPropertyOptional({ type: 'string' }) license?: string;
  @ApiPropertyOptional({ type: () => ProductSellerView }) seller?: ProductSellerView;
  @ApiPropertyOptional({ type: () => ProductProcessorView, nullable: true })
  processor?: ProductProcessorView | null;
  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true })
  lockedUntil?: Date | null;
  @ApiPropertyOptional({ type: () => ProductQualityView }) quality?: ProductQualityView;
  @ApiPropertyOptional({ type: () => [ProductSampleView] }) samples?: ProductSampleView[];
  @ApiPropertyOptional({ type: () => [ProductRevisionView] }) revisions?: ProductRevisionView[];
  @ApiPropertyOptional({ type: () => ProductPricingGuideView, nullable: true })
  pricingGuide?: ProductPricingGuideView | null;
}

export class ProductCardView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string' }) title: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty({ type: 'string' }) dataType: string;
  @ApiProperty({ type: 'string', nullable: true }) industryCode: string | null;
  @ApiProperty({ type: 'string', isArray: true }) tags: string[];
  @ApiProperty({ type: 'integer', nullable: true }) qualityScore: number | null;
  @ApiProperty({ type: 'integer' }) rowCount: number;
  @ApiProperty({ type: 'boolean' }) processingSupported: boolean;
  @ApiProperty({ type: 'string' }) license: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) listedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) sellerName: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) processorOrganizationId:
    string | null;
  @ApiProperty({ type: 'string', nullable: true }) processorName: string | null;
}

const counts = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  description: 'How many products each value would find',
} as const;

export class SearchFacetsView {
  @ApiProperty(counts) dataType: Record<string, number>;
  @ApiProperty({ ...counts, description: 'By KSIC division (two digits)' })
  industryDivision: Record<string, number>;
  @ApiProperty({ ...counts, description: '"true" and "false"' })
  processingSupported: Record<string, number>;
  @ApiProperty({ ...counts, description: 'By price band' }) priceRange: Record<string, number>;
}

/** A page of search results with counts for narrowing the search. */
export class ProductSearchView extends PageOf(ProductCardView) {
  @ApiProperty({ type: SearchFacetsView }) facets: SearchFacetsView;
}
