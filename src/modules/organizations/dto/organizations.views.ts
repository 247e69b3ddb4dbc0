import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RelatedOrganizationView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) reason: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) recordedBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export class VerificationView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) businessStatus: string;
  @ApiProperty({ type: 'boolean' }) taxArrears: boolean;
  @ApiProperty({ type: 'string', nullable: true }) category: string | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiProperty({ type: 'string', format: 'uuid' }) verifiedBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) verifiedAt: Date;
}

export class MemberRoleView {
  @ApiProperty({ type: 'string', format: 'uuid' }) userId: string;
  @ApiProperty({ type: 'string' }) role: string;
}

export class MemberView {
  @ApiProperty({ type: 'string', format: 'uuid' }) userId: string;
  @ApiProperty({ type: 'string' }) email: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) role: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export class OrganizationVerificationView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) businessStatus: string;
  @ApiProperty({ type: 'boolean' }) taxArrears: boolean;
  @ApiProperty({ type: 'string' }) category: string;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiProperty({ type: 'string', format: 'uuid' }) verifiedBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) verifiedAt: Date;
}

export class OrganizationRegistrationView {
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'Other organizations claiming the same registration number, not rejected',
  })
  otherClaims: number;
}

export class OrganizationView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) registrationNumber: string;
  @ApiProperty({ type: 'string' }) representativeName: string;
  @ApiProperty({ type: 'string' }) category: string;
  @ApiProperty({ type: () => OrganizationRegistrationView })
  registration: OrganizationRegistrationView;
  @ApiProperty({ type: 'string' }) industryCode: string;
  @ApiProperty({ type: 'string', nullable: true }) region: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', nullable: true }) yourRole: string | null;
  @ApiProperty({ type: 'integer' }) memberCount: number;
  @ApiProperty({ type: () => OrganizationVerificationView, nullable: true })
  verification: OrganizationVerificationView | null;
  @ApiProperty({ type: 'string', nullable: true }) confirmedCategory: string | null;
}

export class OrganizationSummaryView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) registrationNumber: string;
  @ApiProperty({ type: 'string' }) representativeName: string;
  @ApiProperty({ type: 'string' }) category: string;
  @ApiProperty({ type: () => OrganizationRegistrationView })
  registration: OrganizationRegistrationView;
  @ApiProperty({ type: 'string' }) industryCode: string;
  @ApiProperty({ type: 'string', nullable: true }) region: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export class InvitationAnswerView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiPropertyOptional({ type: 'string', format: 'uuid' }) organizationId?: string;
  @ApiPropertyOptional({ type: 'string' }) role?: string;
}

export class MyInvitationView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) organizationName: string;
  @ApiProperty({ type: 'string' }) role: string;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) expiresAt: Date;
}

export class InvitationView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string' }) email: string;
  @ApiProperty({ type: 'string' }) role: string;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) expiresAt: Date;
}

export class ExcludedIndustryView {
  @ApiProperty({ type: 'string' }) code: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) reason: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) updatedBy: string | null;
}
