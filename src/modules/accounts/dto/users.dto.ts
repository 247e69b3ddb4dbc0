import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsOptional } from 'class-validator';
import { PLATFORM_ROLES, type PlatformRole } from '../../../platform/auth/principal.js';
import { PageQuery } from '../../../platform/http/pagination.js';

export class SetPlatformRolesDto {
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true, example: ['evaluator'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(PLATFORM_ROLES, { each: true, message: 'each role must be operator or evaluator' })
  roles: PlatformRole[];
}

export class UserQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Exact e-mail address' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  email?: string;
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: 'admin' | 'member';
}

export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) platformRoles: PlatformRole[];
  @ApiProperty({ type: [MembershipView] }) memberships: MembershipView[];
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) platformRoles: PlatformRole[];
  @ApiProperty() createdAt: Date;
}
