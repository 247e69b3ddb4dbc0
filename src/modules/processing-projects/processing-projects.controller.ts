import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  Authenticated,
  CurrentUser,
  OrgRole,
  Roles,
} from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { MilestonePipe } from './milestone.pipe.js';
import {
  InKindDto,
  MatchDto,
  MilestoneDecisionDto,
  ShareRawDataDto,
  SubmitMilestoneDto,
} from './dto/project.dto.js';
import { MilestonesService } from './milestones.service.js';
import { OwnShareService } from './own-share.service.js';
import { ProcessingProjectsService } from './processing-projects.service.js';
import { RawDataService } from './raw-data.service.js';
import { ParseVersionPipe } from '../../platform/http/version.pipe.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import type { MilestoneName } from './project.entity.js';
import { Answers, AnswersCreated, Refuses } from '../../platform/openapi/answers.js';
import {
  OwnSharePaymentView,
  ProcessingProjectView,
  ProjectSummaryPage,
  RawDataDownloadView,
} from './dto/processing-projects.views.js';

@ApiTags('processing support')
@ApiBearerAuth()
@Controller()
export class ProcessingProjectsController {
  constructor(
    private readonly projects: ProcessingProjectsService,
    private readonly milestones: MilestonesService,
    private readonly ownShare: OwnShareService,
    private readonly sharing: RawDataService,
  ) {}

  @Get('processing-projects')
  @Roles('operator')
  @ApiOperation({
    summary: 'Every processing project, newest first, with its parties and milestones (operators)',
  })
  @Answers(ProjectSummaryPage)
  listAll() {
    return this.projects.list(null);
  }

  @Get('organizations/:id/processing-projects')
  @Roles('operator')
  @OrgRole('member')
  @ApiOperation({
    summary:
      "An organization's processing projects, as data owner or as processor (members, operators)",
  })
  @Answers(ProjectSummaryPage)
  listForOrganization(@Param('id', ParseUuidPipe) id: string) {
    return this.projects.list(id);
  }

  @Get('processing-projects/:id')
  @Authenticated()
  @ApiOperation({
    summary:
      'Agreement, processor, milestones (overdue marked), deliverables, payments, history (owner, processor, operators)',
  })
  @Answers(ProcessingProjectView)
  get(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.projects.get(id, user);
  }

  @Post('processing-projects/:id/match')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Assign an active pool processor, unrelated to the owner and under its project limit (operators)',
  })
  @Refuses(
    'NOT_IN_POOL',
    'PROCESSOR_AT_CAPACITY',
    'PROCESSOR_SUSPENDED',
    'RELATED_PARTY',
    'CONFLICT_OF_INTEREST',
  )
  @AnswersCreated(ProcessingProjectView)
  match(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: MatchDto,
    @CurrentUser() user: Principal,
  ) {
    return this.projects.match(id, dto.processorOrganizationId, user);
  }

  @Post('processing-projects/:id/raw-data')
  @OrgRole('admin', 'projectOwner:id')
  @ApiOperation({ summary: "Share one of the owner's datasets with the matched processor (owner)" })
  @AnswersCreated(ProcessingProjectView)
  shareRawData(@Param('id', ParseUuidPipe) id: string, @Body() dto: ShareRawDataDto) {
    return this.sharing.shareRawData(id, dto.datasetId);
  }

  @Get('processing-projects/:id/raw-data/:datasetId/versions/:version/download')
  @OrgRole('member', 'projectProcessor:id')
  @ApiOperation({
    summary: 'Short-lived URLs of a shared raw-data version, with SHA-256 (the processor)',
  })
  @Refuses('NOT_ENTITLED')
  @Answers(RawDataDownloadView)
  rawData(
    @Param('id', ParseUuidPipe) id: string,
    @Param('datasetId', ParseUuidPipe) datasetId: string,
    @Param('version', ParseVersionPipe) version: number,
  ) {
    return this.sharing.rawDataDownload(id, datasetId, version);
  }

  @Post('processing-projects/:id/own-share/payment')
  @OrgRole('admin', 'projectOwner:id')
  @ApiOperation({
    summary:
      "Pay the cash part of the own share through Stripe: answers the PaymentIntent's client secret (owner)",
  })
  @AnswersCreated(OwnSharePaymentView)
  @Refuses('INVALID_TRANSITION', 'PAYMENT_PROVIDER_UNAVAILABLE')
  payOwnShare(@Param('id', ParseUuidPipe) id: string) {
    return this.ownShare.payOwnShare(id);
  }

  @Post('processing-projects/:id/in-kind')
  @OrgRole('admin', 'projectOwner:id')
  @ApiOperation({ summary: 'Record a contribution in kind with a description (owner)' })
  @Refuses('CONFLICT')
  @AnswersCreated(ProcessingProjectView)
  inKind(@Param('id', ParseUuidPipe) id: string, @Body() dto: InKindDto) {
    return this.ownShare.recordInKind(id, dto.amountKrw, dto.description);
  }

  @Post('processing-projects/:id/milestones/:milestone/submit')
  @OrgRole('member', 'projectProcessor:id')
  @ApiParam({ name: 'milestone', enum: ['PROCESSING', 'QUALITY_VERIFICATION', 'REGISTRATION'] })
  @ApiOperation({
    summary:
      "Submit a milestone with deliverable versions of the processor's datasets (the processor)",
  })
  @Refuses('INVALID_TRANSITION', 'VERSION_NOT_SEALED')
  @AnswersCreated(ProcessingProjectView)
  submit(
    @Param('id', ParseUuidPipe) id: string,
    @Param('milestone', MilestonePipe) milestone: MilestoneName,
    @Body() dto: SubmitMilestoneDto,
  ) {
    return this.milestones.submit(id, milestone, dto);
  }

  @Post('processing-projects/:id/milestones/:milestone/accept')
  @Roles('operator')
  @OrgRole('admin', 'projectOwner:id')
  @ApiParam({ name: 'milestone', enum: ['PROCESSING', 'QUALITY_VERIFICATION', 'REGISTRATION'] })
  @ApiOperation({
    summary:
      'Accept a submitted milestone: its share of the subsidy becomes payable to the processor (owner; operators override with a reason)',
  })
  @Refuses('NOT_LISTED', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ProcessingProjectView)
  accept(
    @Param('id', ParseUuidPipe) id: string,
    @Param('milestone', MilestonePipe) milestone: MilestoneName,
    @Body() dto: MilestoneDecisionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.milestones.accept(id, milestone, user, dto.reason);
  }

  @Post('processing-projects/:id/milestones/:milestone/return')
  @Roles('operator')
  @OrgRole('admin', 'projectOwner:id')
  @ApiParam({ name: 'milestone', enum: ['PROCESSING', 'QUALITY_VERIFICATION', 'REGISTRATION'] })
  @ApiOperation({ summary: 'Return a submitted milestone with a reason (owner, operators)' })
  @Refuses('INVALID_TRANSITION', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ProcessingProjectView)
  return(
    @Param('id', ParseUuidPipe) id: string,
    @Param('milestone', MilestonePipe) milestone: MilestoneName,
    @Body() dto: MilestoneDecisionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.milestones.returnMilestone(id, milestone, dto.reason ?? '', user);
  }
}
