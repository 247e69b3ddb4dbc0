import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination.js';
import { ACCESS_STATUSES } from '../access-request.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateAccessRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The buying organization (one of yours)' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;

  @ApiProperty({
    example: '용해 공정 불량 예측 모델 학습에 사용합니다. 외부 제공 계획은 없습니다.',
    description: "What the data is for: the answer to the seller's question",
  })
  @Transform(trim)
  @IsString()
  @MinLength(10, { message: 'intendedUse must say in at least 10 characters what the data is for' })
  @MaxLength(2000)
  intendedUse: string;
}

export class AccessListQuery extends PageQuery {
  @ApiProperty({
    enum: ['buyer', 'seller', 'operator'],
    description: 'Requests your organizations made, received, or (operators) all of them',
  })
  @IsIn(['buyer', 'seller', 'operator'])
  side: 'buyer' | 'seller' | 'operator';

  @ApiPropertyOptional({ enum: ACCESS_STATUSES })
  @IsOptional()
  @IsIn(ACCESS_STATUSES)
  status?: (typeof ACCESS_STATUSES)[number];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'One of your organizations, as buyer (side=buyer) or seller (side=seller); operators may name any (side=operator: as either)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

export class AccessRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productTitle: string;
  @ApiProperty({ format: 'uuid' }) sellerOrganizationId: string;
  @ApiProperty() sellerName: string;
  @ApiProperty({ format: 'uuid' }) buyerOrganizationId: string;
  @ApiProperty() buyerName: string;
  @ApiProperty({ description: "The buyer's category (size class): SME, NONPROFIT, …" })
  buyerCategory: string;
  @ApiProperty({ description: "The buyer's industry (KSIC)" }) buyerIndustryCode: string;
  @ApiProperty() intendedUse: string;
  @ApiProperty({ enum: ACCESS_STATUSES }) status: string;
  @ApiProperty({ format: 'date', description: 'The seller answers by this Seoul date' })
  dueOn: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) escalatedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: 'string', enum: ['SELLER', 'OPERATOR'], nullable: true })
  decidedAs: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why it was refused' })
  reason: string | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'An approval lets the buyer check out until then',
  })
  accessUntil: Date | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'After a refusal, the buyer may ask again from then',
  })
  askAgainFrom: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export class SellerAnswersView {
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Median hours the seller took to answer, over the last 90 days',
  })
  medianAnswerHours: number | null;
  @ApiProperty({ type: 'integer', description: 'Requests the seller answered in the last 90 days' })
  answered: number;
}

export class ProductAccessView {
  @ApiProperty() approvalRequired: boolean;
  @ApiProperty({ type: 'string', nullable: true, description: 'What the seller wants to know' })
  approvalQuestion: string | null;
  @ApiProperty({ type: 'integer', description: 'Business days the seller has to answer' })
  answerBusinessDays: number;
  @ApiProperty({ type: SellerAnswersView }) seller: SellerAnswersView;
  @ApiProperty({
    type: [AccessRequestView],
    description: "The caller's organizations' latest request each (empty when signed out)",
  })
  mine: AccessRequestView[];
}
