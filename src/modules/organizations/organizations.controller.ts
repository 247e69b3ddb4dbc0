import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Authenticated,
  CurrentUser,
  OrgRole,
  Roles,
} from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import {
  ChangeMemberRoleDto,
  CreateOrganizationDto,
  InviteDto,
  OrganizationQueryDto,
  RelatedOrganizationDto,
  VerificationDto,
} from './dto/organization.dto.js';
import { InvitationsService } from './invitations.service.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { OrganizationsService } from './organizations.service.js';
import { Standing } from './standing.service.js';
import { Answers, AnswersCreated, AnswersPage, Refuses } from '../../platform/openapi/answers.js';
import {
  InvitationAnswerView,
  InvitationView,
  MemberRoleView,
  MemberView,
  OrganizationSummaryView,
  OrganizationView,
  RelatedOrganizationView,
  VerificationView,
} from './dto/organizations.views.js';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly standing: Standing,
    private readonly organizations: OrganizationsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post()
  @Authenticated()
  @ApiOperation({
    summary:
      'Register an organization; the registration number is checked, the creator becomes admin',
  })
  @Refuses('INVALID_REGISTRATION_NUMBER', 'REGISTRATION_NUMBER_TAKEN')
  @AnswersCreated(OrganizationView)
  create(@Body() dto: CreateOrganizationDto, @CurrentUser() user: Principal) {
    return this.organizations.create(dto, user);
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Your organizations (operators: all), searchable by name or registration number',
  })
  @AnswersPage(OrganizationSummaryView)
  list(@Query() query: OrganizationQueryDto, @CurrentUser() user: Principal) {
    return this.organizations.list(query, user);
  }

  @Get(':id')
  @Roles('operator')
  @OrgRole('member')
  @ApiOperation({ summary: 'An organization with its latest verification (members, operators)' })
  @Answers(OrganizationView)
  get(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.organizations.get(id, user);
  }

  @Get(':id/members')
  @Roles('operator')
  @OrgRole('member')
  @ApiOperation({ summary: 'The members of an organization and their roles' })
  @AnswersPage(MemberView)
  members(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() user: Principal,
  ) {
    return this.organizations.members(id, user, query);
  }

  @Post(':id/invitations')
  @OrgRole('admin')
  @ApiOperation({
    summary:
      'Invite a person by e-mail with a role; they become a member only when they accept (org admins)',
  })
  @Refuses('ALREADY_MEMBER')
  @AnswersCreated(InvitationView)
  invite(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: InviteDto,
    @CurrentUser() user: Principal,
  ) {
    return this.invitations.invite(id, dto, user);
  }

  @Get(':id/invitations')
  @OrgRole('admin')
  @ApiOperation({ summary: "The organization's invitations, newest first (org admins)" })
  @AnswersPage(InvitationView)
  listInvitations(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.invitations.listForOrganization(id, query);
  }

  @Post(':id/invitations/:invitationId/revoke')
  @OrgRole('admin')
  @ApiOperation({ summary: 'Take back a pending invitation (org admins)' })
  @AnswersCreated(InvitationAnswerView)
  async revokeInvitation(
    @Param('id', ParseUuidPipe) id: string,
    @Param('invitationId', ParseUuidPipe) invitationId: string,
  ) {
    await this.invitations.revoke(id, invitationId);
    return { id: invitationId, status: 'REVOKED' };
  }

  @Post(':id/leave')
  @OrgRole('member')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave the organization (anyone but its last admin)' })
  @Refuses('LAST_ADMIN')
  leave(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.organizations.leave(id, user);
  }

  @Patch(':id/members/:userId')
  @OrgRole('admin')
  @ApiOperation({ summary: "Change a member's role; an organization always keeps one admin" })
  @Refuses('LAST_ADMIN')
  @Answers(MemberRoleView)
  changeRole(
    @Param('id', ParseUuidPipe) id: string,
    @Param('userId', ParseUuidPipe) userId: string,
    @Body() dto: ChangeMemberRoleDto,
  ) {
    return this.organizations.changeMemberRole(id, userId, dto);
  }

  @Delete(':id/members/:userId')
  @OrgRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member; the last admin cannot be removed' })
  @Refuses('LAST_ADMIN')
  removeMember(
    @Param('id', ParseUuidPipe) id: string,
    @Param('userId', ParseUuidPipe) userId: string,
  ) {
    return this.organizations.removeMember(id, userId);
  }

  @Post(':id/verification')
  @Roles('operator')
  @ApiOperation({
    summary: 'Record verified facts: business status, tax arrears, size class (operators)',
  })
  @Refuses('REGISTRATION_NUMBER_TAKEN', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(VerificationView)
  verify(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: VerificationDto,
    @CurrentUser() user: Principal,
  ) {
    return this.standing.verify(id, dto, user);
  }

  @Get(':id/verifications')
  @Roles('operator')
  @OrgRole('member')
  @ApiOperation({ summary: 'Every verification on record, newest first (the newest counts)' })
  @AnswersPage(VerificationView)
  verifications(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQuery,
    @CurrentUser() user: Principal,
  ) {
    return this.organizations.verifications(id, user, query);
  }

  @Post(':id/related-organizations')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Record a link to another organization (a parent company, shared owners): they become related parties (operators)',
  })
  @AnswersCreated([RelatedOrganizationView])
  recordLink(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RelatedOrganizationDto,
    @CurrentUser() user: Principal,
  ) {
    return this.organizations.recordLink(id, dto, user);
  }

  @Get(':id/related-organizations')
  @Roles('operator')
  @ApiOperation({ summary: 'The links operators recorded for an organization (operators)' })
  @Answers([RelatedOrganizationView])
  links(@Param('id', ParseUuidPipe) id: string) {
    return this.organizations.links(id);
  }
}
