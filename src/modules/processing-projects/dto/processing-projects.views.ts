import { ApiProperty } from '@nestjs/swagger';
import { krw } from '../../../platform/money/won.js';
import { type Agreement, AgreementView, agreementView } from '../../applications/index.js';
import { OrganizationRefView } from '../../catalog/index.js';
import {
  MILESTONES,
  type ProcessingProject,
  type ProjectEvent,
  type ProjectMilestone,
} from '../project.entity.js';

export class RawDatasetView {
  @ApiProperty({ type: 'string', format: 'uuid' }) datasetId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [Number], description: 'Sealed versions, which the processor may download' })
  sealedVersions: number[];
}

export class ProjectSummaryView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['AWAITING_MATCH', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] })
  status: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) applicationId: string;
  @ApiProperty() programTitle: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) ownerOrganizationId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  processorOrganizationId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) processorName: string | null;
  @ApiProperty({ type: 'integer' }) governmentKrw: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) ownSharePaidAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'integer' }) milestonesAccepted: number;
  @ApiProperty({ type: 'integer' }) milestones: number;
  @ApiProperty({
    type: 'integer',
    description: 'Milestones not accepted and past their planned day',
  })
  overdue: number;
  @ApiProperty({
    enum: ['OWNER', 'PROCESSOR'],
    nullable: true,
    description: "The listing organization's part (null in the operators' list of all)",
  })
  side: 'OWNER' | 'PROCESSOR' | null;
}

export class ProjectSummaryPage {
  @ApiProperty({ type: () => [ProjectSummaryView] }) items: ProjectSummaryView[];
}

export class OwnSharePaymentView {
  @ApiProperty({ type: 'string' }) paymentIntentId: string;
  @ApiProperty({ type: 'string' }) clientSecret: string;
  @ApiProperty({ type: 'integer' }) amountKrw: number;
}

export class RawDataDownloadFileView {
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ type: 'string' }) sha256: string;
  @ApiProperty({ type: 'string' }) url: string;
}

export class RawDataDownloadView {
  @ApiProperty({ type: 'string', format: 'uuid' }) datasetId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: () => [RawDataDownloadFileView] }) files: RawDataDownloadFileView[];
}

export class ProjectEventView {
  @ApiProperty({ type: 'integer', description: 'Increasing with time' }) id: number;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: 'milestone.submitted' }) action: string;
  @ApiProperty({ type: 'string', enum: MILESTONES, nullable: true }) milestone: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) reason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
}

export class ProjectPaymentView {
  @ApiProperty({ description: 'The journal kind' }) kind: string;
  @ApiProperty({ type: 'string', nullable: true }) memo: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
  @ApiProperty({ description: 'The ledger account' }) account: string;
  @ApiProperty({ type: 'integer' }) amountKrw: number;
}

export class DeliverableView {
  @ApiProperty({ format: 'uuid' }) datasetId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'uuid' }) versionId: string;
}

export class MilestoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: MILESTONES }) name: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ format: 'date' }) plannedOn: string;
  @ApiProperty({ type: 'integer', description: 'Share of the subsidy, basis points' })
  shareBp: number;
  @ApiProperty({ type: 'integer', description: 'Paid to the processor on acceptance' })
  amountKrw: number;
  @ApiProperty({ enum: ['PENDING', 'SUBMITTED', 'RETURNED', 'ACCEPTED'] }) status: string;
  @ApiProperty({ type: [DeliverableView] }) deliverables: DeliverableView[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) acceptedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiProperty({ description: 'Not accepted and past its planned day (Seoul)' }) overdue: boolean;
}

export class InKindView {
  @ApiProperty({ type: 'string', format: 'date-time' }) at: string;
  @ApiProperty({ type: 'integer' }) amountKrw: number;
  @ApiProperty() description: string;
}

export class ProjectMoneyView {
  @ApiProperty({ type: 'integer' }) governmentKrw: number;
  @ApiProperty({ type: 'integer', description: 'Committed and not yet paid out' })
  committedKrw: number;
  @ApiProperty({ type: 'integer' }) spentKrw: number;
  @ApiProperty({ type: 'integer' }) releasedKrw: number;
}

export class ProcessingProjectView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid', description: 'The manufacturer' }) ownerOrganizationId: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  processorOrganizationId: string | null;
  @ApiProperty({ enum: ['AWAITING_MATCH', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] })
  status: string;
  @ApiProperty({ type: 'integer' }) governmentKrw: number;
  @ApiProperty({ type: 'integer' }) ownCashKrw: number;
  @ApiProperty({ type: 'integer' }) ownKrw: number;
  @ApiProperty({ type: 'string', nullable: true }) ownSharePaymentIntentId: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  ownSharePaidAt: Date | null;
  @ApiProperty({ type: [String], description: 'Datasets the owner shared with the processor' })
  rawDatasetIds: string[];
  @ApiProperty({
    type: [RawDatasetView],
    description: 'The shared datasets, named, with their sealed versions',
  })
  rawData: RawDatasetView[];
  @ApiProperty({ type: [InKindView] }) inKind: InKindView[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) matchedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: AgreementView }) agreement: AgreementView;
  @ApiProperty({ type: OrganizationRefView, nullable: true }) processor: OrganizationRefView | null;
  @ApiProperty({ type: [MilestoneView] }) milestones: MilestoneView[];
  @ApiProperty({ type: ProjectMoneyView }) money: ProjectMoneyView;
  @ApiProperty({ type: [ProjectPaymentView] }) payments: ProjectPaymentView[];
  @ApiProperty({ type: [ProjectEventView] }) history: ProjectEventView[];
}

export function projectView(
  p: ProcessingProject,
  parts: {
    agreement: Agreement;
    processor: { id: string; name: string } | null;
    milestones: ProjectMilestone[];
    today: string;
    money: ProjectMoneyView;
    payments: ProjectPaymentView[];
    history: ProjectEvent[];
    rawData: RawDatasetView[];
  },
): ProcessingProjectView {
  return {
    id: p.id,
    agreementId: p.agreementId,
    applicationId: p.applicationId,
    programId: p.programId,
    ownerOrganizationId: p.ownerOrganizationId,
    processorOrganizationId: p.processorOrganizationId,
    status: p.status,
    governmentKrw: krw(p.governmentKrw),
    ownCashKrw: krw(p.ownCashKrw),
    ownKrw: krw(p.ownKrw),
    ownSharePaymentIntentId: p.ownSharePaymentIntentId,
    ownSharePaidAt: p.ownSharePaidAt,
    rawDatasetIds: p.rawDatasetIds,
    rawData: parts.rawData,
    inKind: p.inKind,
    matchedAt: p.matchedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    agreement: agreementView(parts.agreement),
    processor: parts.processor && {
      organizationId: parts.processor.id,
      name: parts.processor.name,
    },
    milestones: parts.milestones.map((x) => ({
      id: x.id,
      projectId: x.projectId,
      name: x.name,
      position: x.position,
      plannedOn: x.plannedOn,
      shareBp: x.shareBp,
      amountKrw: krw(x.amountKrw),
      status: x.status,
      deliverables: x.deliverables,
      submittedAt: x.submittedAt,
      acceptedAt: x.acceptedAt,
      note: x.note,
      overdue: x.status !== 'ACCEPTED' && x.plannedOn < parts.today,
    })),
    money: parts.money,
    payments: parts.payments,
    history: parts.history.map((e) => ({
      id: Number(e.id),
      projectId: e.projectId,
      action: e.action,
      milestone: e.milestone,
      actorId: e.actorId,
      reason: e.reason,
      at: e.at,
    })),
  };
}
