import { ApiProperty } from '@nestjs/swagger';
import { krw } from '../../../platform/money/won.js';
import { PageOf } from '../../../platform/openapi/answers.js';
import type { Agreement } from '../agreement.entity.js';
import type { ApplicationTransition } from '../application-transition.entity.js';
import type { Application } from '../application.entity.js';
import { APPLICATION_STATUSES } from '../application-status.js';
import type { Evaluation } from '../evaluation.entity.js';

export class TransitionView {
  @ApiProperty({ type: 'integer', description: 'Increasing with time' }) id: number;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'string', enum: APPLICATION_STATUSES, nullable: true })
  fromStatus: string | null;
  @ApiProperty({ enum: APPLICATION_STATUSES }) toStatus: string;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'null for the system',
  })
  actorId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) reason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
}

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid', description: 'The applicant' }) organizationId: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The plan in the call's shape (PoolPlanDto, ProcessingPlanDto, PurchasePlanDto)",
  })
  plan: Record<string, unknown>;
  @ApiProperty({ type: 'integer', nullable: true }) requestedGovernmentKrw: number | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) decisionReason: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

/** An application in its call's list, with the applicant's name. */
export class ProgramApplicationView extends ApplicationView {
  @ApiProperty() organizationName: string;
}

/** An application in its organization's list, with its call's title. */
export class OrganizationApplicationView extends ApplicationView {
  @ApiProperty() programTitle: string;
}

/** A page of a call's applications, with how many the call has in each status (all pages). */
export class ProgramApplicationsView extends PageOf(ProgramApplicationView) {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description:
      "How many of the call's applications (that the viewer may see) are in each status, whatever the `status` filter; a status none is in is left out",
    example: { SUBMITTED: 12, EVALUATION: 4 },
  })
  statusCounts: Record<string, number>;
}

/** An application with what happened to it: GET, submit, withdraw. */
export class ApplicationDetailView extends ApplicationView {
  @ApiProperty({ type: () => [TransitionView] }) history: TransitionView[];
  @ApiProperty({
    type: () => [EvaluationView],
    description: "Operators see every sheet; an evaluator only their own; applicants' members none",
  })
  evaluations: EvaluationView[];
  @ApiProperty({ type: () => AgreementView, nullable: true }) agreement: AgreementView | null;
}

export function applicationView(a: Application): ApplicationView {
  return {
    id: a.id,
    programId: a.programId,
    organizationId: a.organizationId,
    status: a.status,
    plan: a.plan,
    requestedGovernmentKrw:
      a.requestedGovernmentKrw === null ? null : krw(a.requestedGovernmentKrw),
    submittedAt: a.submittedAt,
    decidedAt: a.decidedAt,
    decisionReason: a.decisionReason,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function applicationDetailView(
  a: Application,
  history: ApplicationTransition[],
  evaluations: Evaluation[],
  agreement: Agreement | null,
): ApplicationDetailView {
  return {
    ...applicationView(a),
    history: history.map((t) => ({
      id: Number(t.id),
      applicationId: t.applicationId,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      actorId: t.actorId,
      reason: t.reason,
      at: t.at,
    })),
    evaluations: evaluations.map(evaluationView),
    agreement: agreement && agreementView(agreement),
  };
}

export function evaluationView(e: Evaluation): EvaluationView {
  return {
    id: e.id,
    applicationId: e.applicationId,
    evaluatorId: e.evaluatorId,
    score: e.score,
    scores: e.scores,
    passed: e.passed,
    checklist: e.checklist,
    comment: e.comment,
    submittedAt: e.submittedAt,
  };
}

export class SelectPassingView {
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'string', isArray: true, format: 'uuid' }) selected: string[];
}

export class RankingItemView {
  @ApiProperty({ type: 'integer' }) rank: number;
  @ApiProperty({ type: 'string', format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) organizationName: string;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'integer', nullable: true }) requestedGovernmentKrw: number | null;
  @ApiProperty({ type: 'integer' }) evaluations: number;
  @ApiProperty({ type: 'number', nullable: true }) averageScore: number | null;
  @ApiProperty({ type: 'boolean', nullable: true }) passedAll: boolean | null;
}

export class RankingView {
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'string' }) selection: string;
  @ApiProperty({ type: 'integer', nullable: true }) targetCount: number | null;
  @ApiProperty({ type: 'number', nullable: true }) passScore: number | null;
  @ApiProperty({ type: 'integer' }) selected: number;
  @ApiProperty({ type: () => [RankingItemView] }) items: RankingItemView[];
}

export class EligibilityFailureView {
  @ApiProperty({ type: 'string' }) rule: string;
  @ApiProperty({ type: 'string' }) message: string;
  @ApiProperty({ type: 'string' }) messageKo: string;
}

export class EligibilityView {
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'boolean' }) eligible: boolean;
  @ApiProperty({ type: () => [EligibilityFailureView] }) failures: EligibilityFailureView[];
}

export class CriterionScoreView {
  @ApiProperty() criterion: string;
  @ApiProperty({ type: 'integer' }) points: number;
}

export class ChecklistAnswerView {
  @ApiProperty() item: string;
  @ApiProperty() passed: boolean;
  @ApiProperty() comment: string;
}

export class EvaluationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) evaluatorId: string;
  @ApiProperty({ type: 'integer', nullable: true, description: '0-100, scored calls' })
  score: number | null;
  @ApiProperty({ type: [CriterionScoreView], nullable: true }) scores: CriterionScoreView[] | null;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'The pool: pass or fail' })
  passed: boolean | null;
  @ApiProperty({ type: [ChecklistAnswerView], nullable: true })
  checklist: ChecklistAnswerView[] | null;
  @ApiProperty({ type: 'string', nullable: true }) comment: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) submittedAt: Date;
}

export class AgreementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'integer' }) totalCostKrw: number;
  @ApiProperty({ type: 'integer', description: 'The subsidy' }) governmentKrw: number;
  @ApiProperty({ type: 'integer', description: "The firm's own share" }) ownKrw: number;
  @ApiProperty({ type: 'integer', description: 'Of the own share, paid in cash' })
  ownCashKrw: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ enum: ['ACTIVE', 'COMPLETED', 'CANCELLED'] }) status: string;
  @ApiProperty({ format: 'uuid' }) signedBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) signedAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) closeReason: string | null;
}

export function agreementView(a: Agreement): AgreementView {
  return {
    id: a.id,
    applicationId: a.applicationId,
    programId: a.programId,
    organizationId: a.organizationId,
    totalCostKrw: krw(a.totalCostKrw),
    governmentKrw: krw(a.governmentKrw),
    ownKrw: krw(a.ownKrw),
    ownCashKrw: krw(a.ownCashKrw),
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    status: a.status,
    signedBy: a.signedBy,
    signedAt: a.signedAt,
    closedAt: a.closedAt,
    closeReason: a.closeReason,
  };
}

/** POST /applications/:id/agreement: the agreement and what signing it made. */
export class SignedAgreementView extends AgreementView {
  @ApiProperty({ format: 'uuid', description: 'The same as id' }) agreementId: string;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'Purchase support: the voucher issued',
  })
  voucherId: string | null;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'Processing support: the project made',
  })
  processingProjectId: string | null;
}

/** POST /applications/:id/complete and /cancel: the agreement and the subsidy given back. */
export class ClosedAgreementView extends AgreementView {
  @ApiProperty({ type: 'integer', description: 'Committed but unspent, back in the budget' })
  releasedKrw: number;
}

export class ConflictView {
  @ApiProperty() message: string;
  @ApiProperty() messageKo: string;
}

export class AssignmentView {
  @ApiProperty({ type: 'string', format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty() programTitle: string;
  @ApiProperty({ enum: ['PROCESSOR_POOL', 'PROCESSING_SUPPORT', 'PURCHASE_SUPPORT'] })
  programKind: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: ['EVALUATION', 'SELECTED', 'REJECTED'] }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) submittedAt: Date | null;
  /** When this evaluator's own sheet was submitted; null while it is still to do. */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) evaluatedAt: Date | null;
  /** Why this evaluator may not score it (a related party), or null. */
  @ApiProperty({ type: () => ConflictView, nullable: true }) conflict: ConflictView | null;
}

export class EvaluatorConflictView extends ConflictView {
  @ApiProperty({ type: 'string', format: 'uuid' }) applicationId: string;
  @ApiProperty() organizationName: string;
}

export class EvaluatorConflictsView {
  @ApiProperty({
    type: () => [EvaluatorConflictView],
    description: "The call's applications this person could not score; empty when none",
  })
  items: EvaluatorConflictView[];
}

export class AssignmentsView {
  @ApiProperty({ type: () => [AssignmentView] }) items: AssignmentView[];
}
