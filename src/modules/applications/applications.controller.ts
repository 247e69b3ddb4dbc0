import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, OrgRole, Roles } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AgreementsService } from './agreements.service.js';
import { ApplicationsService } from './applications.service.js';
import {
  AgreementDto,
  ApplicationQueryDto,
  ConflictQueryDto,
  BulkDecisionDto,
  CreateApplicationDto,
  DecisionDto,
  EligibilityQueryDto,
  EvaluationDto,
  ReasonDto,
  OrganizationApplicationQueryDto,
  UpdatePlanDto,
} from './dto/application.dto.js';
import { PoolPlanDto, ProcessingPlanDto, PurchasePlanDto } from './dto/plans.dto.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { EvaluationsService } from './evaluations.service.js';
import { Answers, AnswersCreated, AnswersPage, Refuses } from '../../platform/openapi/answers.js';
import {
  AssignmentsView,
  ClosedAgreementView,
  SignedAgreementView,
  ApplicationDetailView,
  ApplicationView,
  ProgramApplicationsView,
  OrganizationApplicationView,
  EligibilityView,
  EvaluationView,
  EvaluatorConflictsView,
  RankingView,
  SelectPassingView,
} from './dto/applications.views.js';
import { RequiredReasonDto } from '../../platform/http/reason.dto.js';

@ApiTags('applications')
@ApiBearerAuth()
@ApiExtraModels(PoolPlanDto, ProcessingPlanDto, PurchasePlanDto)
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly evaluations: EvaluationsService,
    private readonly agreements: AgreementsService,
  ) {}

  @Post('programs/:id/applications')
  @OrgRole('admin', 'body:organizationId')
  @ApiOperation({ summary: 'Start a draft application with its business plan (org admins)' })
  @Refuses('CONFLICT', 'WINDOW_CLOSED')
  @AnswersCreated(ApplicationView)
  create(@Param('id', ParseUuidPipe) id: string, @Body() dto: CreateApplicationDto) {
    return this.applications.create(id, dto);
  }

  @Get('programs/:id/applications')
  @Roles('operator', 'evaluator')
  @ApiOperation({
    summary:
      "A call's applications: operators see all, assigned evaluators those in evaluation or decided",
  })
  @Refuses('NOT_ASSIGNED')
  @Answers(ProgramApplicationsView)
  listForProgram(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: ApplicationQueryDto,
    @CurrentUser() user: Principal,
  ) {
    return this.applications.listForProgram(id, query, user);
  }

  @Get('programs/:id/conflicts')
  @Roles('operator')
  @ApiOperation({
    summary:
      "Before assigning an evaluator: the call's applications they could not score, and why (operators)",
  })
  @Answers(EvaluatorConflictsView)
  conflicts(@Param('id', ParseUuidPipe) id: string, @Query() query: ConflictQueryDto) {
    return this.evaluations.conflictsFor(id, query.userId);
  }

  @Get('me/evaluations')
  @Roles('operator', 'evaluator')
  @ApiOperation({
    summary:
      'The applications you are to score, over every call you evaluate: your sheet done or not, and any conflict of interest',
  })
  @Answers(AssignmentsView)
  assignments(@CurrentUser() user: Principal) {
    return this.evaluations.assignments(user);
  }

  @Get('programs/:id/ranking')
  @Roles('operator')
  @ApiOperation({
    summary: 'Applications by average score (scored calls) or pass/fail (the pool) (operators)',
  })
  @Answers(RankingView)
  ranking(@Param('id', ParseUuidPipe) id: string) {
    return this.evaluations.ranking(id);
  }

  @Post('programs/:id/decisions')
  @Roles('operator')
  @ApiOperation({ summary: 'Decide several applications at once: all or none (operators)' })
  @Refuses('CONFLICT_OF_INTEREST')
  @AnswersCreated(RankingView)
  decideMany(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: BulkDecisionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.evaluations.decideMany(id, dto, user);
  }

  @Post('programs/:id/select-passing')
  @Roles('operator')
  @ApiOperation({
    summary: 'Pool calls: select every application that passed every requirement (operators)',
  })
  @Refuses('NOT_APPLICABLE', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(SelectPassingView)
  selectPassing(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.evaluations.selectPassingPool(id, user);
  }

  @Get('organizations/:id/applications')
  @Roles('operator')
  @OrgRole('member')
  @ApiOperation({ summary: "An organization's applications (members, operators)" })
  @AnswersPage(OrganizationApplicationView)
  listForOrganization(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: OrganizationApplicationQueryDto,
  ) {
    return this.applications.listForOrganization(id, query);
  }

  @Get('organizations/:id/eligibility')
  @Roles('operator')
  @OrgRole('member')
  @ApiOperation({
    summary: 'Would this organization pass screening for a call? No side effects',
    description: 'Answers { eligible, failures: [{ rule, message, messageKo }] }.',
  })
  @Answers(EligibilityView)
  eligibility(@Param('id', ParseUuidPipe) id: string, @Query() query: EligibilityQueryDto) {
    return this.applications.eligibilityFor(id, query.programId);
  }

  @Get('applications/:id')
  @Roles('operator', 'evaluator')
  @OrgRole('member', 'application:id')
  @ApiOperation({ summary: 'An application with its full history, evaluations and agreement' })
  @Answers(ApplicationDetailView)
  get(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.applications.get(id, user);
  }

  @Patch('applications/:id')
  @OrgRole('admin', 'application:id')
  @ApiOperation({ summary: 'Edit the business plan of a draft (org admins)' })
  @Answers(ApplicationView)
  update(@Param('id', ParseUuidPipe) id: string, @Body() dto: UpdatePlanDto) {
    return this.applications.updatePlan(id, dto.plan);
  }

  @Post('applications/:id/submit')
  @OrgRole('admin', 'application:id')
  @ApiOperation({
    summary: 'Submit: the window is checked and screening runs (org admins)',
    description:
      'An ineligible application is refused with NOT_ELIGIBLE and every failed rule in details; it stays a draft.',
  })
  @Refuses('INVALID_TRANSITION', 'NOT_ELIGIBLE')
  @AnswersCreated(ApplicationDetailView)
  submit(@Param('id', ParseUuidPipe) id: string) {
    return this.applications.submit(id);
  }

  @Post('applications/:id/withdraw')
  @OrgRole('admin', 'application:id')
  @ApiOperation({ summary: 'Withdraw, any time before the agreement (org admins)' })
  @AnswersCreated(ApplicationDetailView)
  withdraw(@Param('id', ParseUuidPipe) id: string, @Body() dto: ReasonDto) {
    return this.applications.withdraw(id, dto.reason);
  }

  @Post('applications/:id/evaluations')
  @Roles('operator', 'evaluator')
  @ApiOperation({
    summary:
      'Submit (or replace) your score sheet, or the pool checklist (assigned evaluators, operators)',
  })
  @Refuses('CONFLICT_OF_INTEREST', 'NOT_ASSIGNED')
  @AnswersCreated(EvaluationView)
  evaluate(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: EvaluationDto,
    @CurrentUser() user: Principal,
  ) {
    return this.evaluations.evaluate(id, dto, user);
  }

  @Post('applications/:id/decision')
  @Roles('operator')
  @ApiOperation({ summary: 'Select or reject, with a reason (operators)' })
  @Refuses('INVALID_TRANSITION', 'NOT_ELIGIBLE', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ApplicationView)
  decide(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: DecisionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.evaluations.decide(id, dto, user);
  }

  @Post('applications/:id/agreement')
  @Roles('operator')
  @ApiOperation({
    summary:
      'Sign the agreement: fixes money and period, commits the government share against the budget (operators)',
    description:
      'Answers the agreement with voucherId (purchase support) or processingProjectId (processing support) once those modules exist.',
  })
  @Refuses(
    'AGREEMENT_TERMS_VIOLATED',
    'BUDGET_EXCEEDED',
    'CATEGORY_UNCONFIRMED',
    'CONFLICT_OF_INTEREST',
  )
  @AnswersCreated(SignedAgreementView)
  sign(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: AgreementDto,
    @CurrentUser() user: Principal,
  ) {
    return this.agreements.sign(id, dto, user);
  }

  @Post('applications/:id/complete')
  @Roles('operator')
  @ApiOperation({
    summary: 'Complete the agreement; unspent committed money returns to the budget (operators)',
  })
  @Refuses('INVALID_TRANSITION', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ClosedAgreementView)
  complete(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RequiredReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.agreements.close(id, 'COMPLETED', dto.reason, user);
  }

  @Post('applications/:id/cancel')
  @Roles('operator')
  @ApiOperation({
    summary: 'Cancel the agreement; unspent committed money returns to the budget (operators)',
  })
  @Refuses('INVALID_TRANSITION', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ClosedAgreementView)
  cancel(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RequiredReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.agreements.close(id, 'CANCELLED', dto.reason, user);
  }
}
