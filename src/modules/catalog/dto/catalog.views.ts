import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { krw } from '../../../platform/money/won.js';
import { PageOf } from '../../../platform/openapi/answers.js';
import { DATA_TYPES } from '../../datasets/index.js';
import { ScorePartView } from '../../quality/index.js';
import type { Product } from '../product.entity.js';

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

export class ComparableView {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty({ type: 'integer', nullable: true }) rows: number | null;
}

export class PricingInputsView {
  @ApiProperty({ enum: DATA_TYPES }) dataType: string;
  @ApiProperty({ type: 'integer' }) rows: number;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ type: 'number' }) qualityScore: number;
  @ApiProperty({ type: 'integer' }) basePriceKrw: number;
  @ApiProperty({ type: 'integer' }) volumeFactorBp: number;
  @ApiProperty({ type: 'integer' }) qualityFactorBp: number;
  @ApiProperty({ type: 'integer' }) formulaPriceKrw: number;
  @ApiProperty({ type: 'integer', nullable: true }) comparableMedianKrw: number | null;
  @ApiProperty({ type: [ComparableView] }) comparables: ComparableView[];
}

/** A suggested price, with how it was reached. */
export class PricingGuideView {
  @ApiProperty({ type: 'integer' }) suggestedPriceKrw: number;
  @ApiProperty() explanation: string;
  @ApiProperty({ description: 'The same explanation in Korean' }) explanationKo: string;
  @ApiProperty({ type: PricingInputsView }) inputs: PricingInputsView;
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
  @ApiProperty() column: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'The first timestamp, as written' })
  first: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'The last timestamp, as written' })
  last: string | null;
}

export class ProductQualityFileColumnView {
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty({ type: 'integer' }) missing: number;
}

export class ProductQualityFileView {
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['table', 'other', 'empty'] }) kind: string;
  @ApiProperty({ type: 'integer', nullable: true }) rows: number | null;
  @ApiProperty({ type: [ProductQualityFileColumnView] }) columns: ProductQualityFileColumnView[];
  @ApiProperty({ type: ProductQualityFileTimeSeriesView, nullable: true })
  timeSeries: ProductQualityFileTimeSeriesView | null;
  @ApiProperty({ type: 'number', nullable: true }) score: number | null;
  @ApiProperty({
    type: [ScorePartView],
    description: 'What the score is made of (completeness, uniqueness, ...), with each weight',
  })
  parts: ScorePartView[];
}

export class ProductQualityView {
  @ApiProperty({ enum: ['PENDING', 'RUNNING', 'PASSED', 'FAILED'] }) status: string;
  @ApiProperty({ type: 'number', nullable: true, description: '0 to 100, one decimal' })
  score: number | null;
  @ApiProperty({ type: [ProductQualityFileView] }) files: ProductQualityFileView[];
}

export class OrganizationRefView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
}

/** A product's own fields: what its seller's list shows. */
export class ProductSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The seller' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) datasetId: string;
  @ApiProperty({ format: 'uuid' }) versionId: string;
  @ApiProperty({ type: 'integer', description: 'The dataset version on sale' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty() licenceCode: string;
  @ApiProperty({ enum: ['DRAFT', 'LISTED', 'DELISTED'] }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) industryCode: string | null;
  @ApiProperty({ enum: DATA_TYPES }) dataType: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  processorOrganizationId: string | null;
  @ApiProperty({ description: 'Made under the processing support program' })
  processingSupported: boolean;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  processingProjectId: string | null;
  @ApiProperty({ description: 'Buyers must ask for access and be approved before ordering' })
  approvalRequired: boolean;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'What the seller wants a buyer to say',
  })
  approvalQuestion: string | null;
  @ApiProperty({ type: 'number', nullable: true, description: '0 to 100, one decimal' })
  qualityScore: number | null;
  @ApiProperty({ type: 'integer' }) rowCount: number;
  @ApiProperty({ type: 'integer' }) fileCount: number;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) listedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  firstListedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) delistedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) delistReason: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export class ProductView extends ProductSummaryView {
  @ApiProperty({ description: 'The licence code (the same as licenceCode)' }) license: string;
  @ApiProperty({ type: 'integer', description: 'The price without VAT: floor(price x 10 / 11)' })
  supplyKrw: number;
  @ApiProperty({ type: 'integer', description: 'The VAT in the price (price - supplyKrw)' })
  vatKrw: number;
  @ApiProperty({ type: LicenceView, nullable: true }) licence: LicenceView | null;
  @ApiProperty({ type: OrganizationRefView, nullable: true }) seller: OrganizationRefView | null;
  @ApiProperty({ type: OrganizationRefView, nullable: true })
  processor: OrganizationRefView | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Until then the seller cannot delist it (processing support: a year listed)',
  })
  lockedUntil: Date | null;
  @ApiProperty({ type: ProductQualityView, nullable: true }) quality: ProductQualityView | null;
  @ApiProperty({ type: [ProductSampleView] }) samples: ProductSampleView[];
  @ApiProperty({ type: [ProductRevisionView] }) revisions: ProductRevisionView[];
  @ApiPropertyOptional({
    type: PricingGuideView,
    nullable: true,
    description: "Only to the seller's members",
  })
  pricingGuide?: PricingGuideView | null;
}

export function productSummaryView(p: Product): ProductSummaryView {
  return {
    id: p.id,
    organizationId: p.organizationId,
    datasetId: p.datasetId,
    versionId: p.versionId,
    version: p.version,
    title: p.title,
    description: p.description,
    priceKrw: krw(p.priceKrw),
    licenceCode: p.licenceCode,
    status: p.status,
    industryCode: p.industryCode,
    dataType: p.dataType,
    tags: p.tags,
    processorOrganizationId: p.processorOrganizationId,
    processingSupported: p.processingSupported,
    processingProjectId: p.processingProjectId,
    approvalRequired: p.approvalRequired,
    approvalQuestion: p.approvalQuestion,
    qualityScore: p.qualityScore === null ? null : Number(p.qualityScore),
    rowCount: Number(p.rowCount),
    fileCount: p.fileCount,
    sizeBytes: Number(p.sizeBytes),
    listedAt: p.listedAt,
    firstListedAt: p.firstListedAt,
    delistedAt: p.delistedAt,
    delistReason: p.delistReason,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export class ProductCardView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string' }) title: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty({ type: 'string' }) dataType: string;
  @ApiProperty({ type: 'string', nullable: true }) industryCode: string | null;
  @ApiProperty({ type: 'string', isArray: true }) tags: string[];
  @ApiProperty({ type: 'number', nullable: true, description: '0 to 100, one decimal' })
  qualityScore: number | null;
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
  @ApiProperty({ ...counts, description: 'By licence code' }) license: Record<string, number>;
}

/** A page of search results with counts for narrowing the search. */
export class ProductSearchView extends PageOf(ProductCardView) {
  @ApiProperty({ type: SearchFacetsView }) facets: SearchFacetsView;
}
