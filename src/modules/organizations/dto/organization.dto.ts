import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ORG_ROLES, type OrgRole } from '../../../platform/auth/principal.js';
import { PageQuery, SearchWords } from '../../../platform/http/pagination.js';
import {
  ORGANIZATION_CATEGORIES,
  type OrganizationCategory,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
} from '../organization.entity.js';
import { BUSINESS_STATUSES, type BusinessStatus } from '../verification.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const KSIC_CODE = /^\d{2,5}$/;
export const KSIC_MESSAGE = 'industryCode must be a KSIC code of 2 to 5 digits, for example 29294';

export class CreateOrganizationDto {
  @ApiProperty({ example: '한빛정밀' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '1248100998', description: '10 digits; dashes are accepted and removed' })
  @IsString()
  @MaxLength(20)
  registrationNumber: string;

  @ApiProperty({ example: '홍길동' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'representativeName must not be empty' })
  @MaxLength(100)
  representativeName: string;

  @ApiProperty({ enum: ORGANIZATION_CATEGORIES })
  @IsIn(ORGANIZATION_CATEGORIES, {
    message: `category must be one of ${ORGANIZATION_CATEGORIES.join(', ')}`,
  })
  category: OrganizationCategory;

  @ApiProperty({ example: '29294', description: 'KSIC code (한국표준산업분류)' })
  @IsString()
  @Matches(KSIC_CODE, { message: KSIC_MESSAGE })
  industryCode: string;

  @ApiPropertyOptional({ example: '경기' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  region?: string;
}

export class OrganizationQueryDto extends PageQuery {
  @SearchWords('Part of the name or the registration number')
  q?: string;

  @ApiPropertyOptional({
    enum: REGISTRATION_STATUSES,
    description:
      'Only organizations whose claim to their number is in this state (CLAIMED: to verify)',
  })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES, {
    message: `registration must be one of ${REGISTRATION_STATUSES.join(', ')}`,
  })
  registration?: RegistrationStatus;
}

export class InviteDto {
  @ApiProperty({
    example: 'lee@factory.co.kr',
    description:
      'Who to invite; they become a member when they accept (an account is not needed yet)',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email: string;

  @ApiProperty({ enum: ORG_ROLES })
  @IsIn(ORG_ROLES, { message: 'role must be admin or member' })
  role: OrgRole;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: ORG_ROLES })
  @IsIn(ORG_ROLES, { message: 'role must be admin or member' })
  role: OrgRole;
}

/** The size classes of a firm; a nonprofit has none. */
export const SIZE_CLASSES = ['SME', 'MID_SIZE', 'LARGE'] as const;

export class VerificationDto {
  @ApiProperty({ enum: BUSINESS_STATUSES, description: '휴·폐업 여부' })
  @IsIn(BUSINESS_STATUSES, {
    message: `businessStatus must be one of ${BUSINESS_STATUSES.join(', ')}`,
  })
  businessStatus: BusinessStatus;

  @ApiProperty({ description: '국세·지방세 체납 여부' })
  @IsBoolean({ message: 'taxArrears must be true or false' })
  taxArrears: boolean;

  @ApiPropertyOptional({
    enum: ORGANIZATION_CATEGORIES,
    description:
      'The category (firm size class, or nonprofit) as confirmed from documents; the only one a subsidy rate or cap uses. Left out: the last confirmed one stays.',
  })
  @IsOptional()
  @IsIn(ORGANIZATION_CATEGORIES, {
    message: `category must be one of ${ORGANIZATION_CATEGORIES.join(', ')}`,
  })
  category?: OrganizationCategory;

  @ApiPropertyOptional({
    enum: SIZE_CLASSES,
    description:
      "A firm's size class as confirmed (SME, MID_SIZE or LARGE): the same as `category` for a firm, which may be sent instead",
  })
  @IsOptional()
  @IsIn(SIZE_CLASSES, { message: `sizeClass must be one of ${SIZE_CLASSES.join(', ')}` })
  sizeClass?: (typeof SIZE_CLASSES)[number];

  @ApiPropertyOptional({ description: 'What was checked, and where' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RelatedOrganizationDto {
  @ApiProperty({ format: 'uuid', description: 'The organization linked to this one' })
  @IsUUID('all', { message: 'organizationId must be a UUID' })
  organizationId: string;

  @ApiProperty({ example: '모회사-자회사 관계 (주주명부 확인)', description: 'What links them' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(500)
  reason: string;
}

export class ExcludedIndustryDto {
  @ApiProperty({ example: '숙박업' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: '숙박·음식점업',
    description: 'Why it is excluded (the announcement group)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason: string;
}
