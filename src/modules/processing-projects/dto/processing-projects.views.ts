import { ApiProperty } from '@nestjs/swagger';

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

export class ProcessingProjectHistoryView {
  @ApiProperty({ type: 'string' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) projectId: string;
  @ApiProperty({ type: 'string' }) action: string;
  @ApiProperty({ type: 'string', nullable: true }) milestone: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) reason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
}

export class ProcessingProjectPaymentView {
  @ApiProperty({ type: 'string' }) kind: string;
  @ApiProperty({ type: 'string', nullable: true }) memo: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
  @ApiProperty({ type: 'string' }) account: string;
  @ApiProperty({ type: 'integer' }) amountKrw: number;
}

export class ProcessingProjectMilestoneDeliverableView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'string', format: 'uuid' }) datasetId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) versionId: string;
}

export class ProcessingProjectMilestoneView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) projectId: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: 'string', format: 'date' }) plannedOn: string;
  @ApiProperty({ type: 'integer' }) shareBp: number;
  @ApiProperty({ type: 'integer' }) amountKrw: number;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: () => [ProcessingProjectMilestoneDeliverableView] })
  deliverables: ProcessingProjectMilestoneDeliverableView[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) acceptedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
  @ApiProperty({ type: 'boolean' }) overdue: boolean;
}

export class ProcessingProjectProcessorView {
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) name: string;
}

export class ProcessingProjectAgreementView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'integer' }) totalCostKrw: number;
  @ApiProperty({ type: 'integer' }) governmentKrw: number;
  @ApiProperty({ type: 'integer' }) ownKrw: number;
  @ApiProperty({ type: 'integer' }) ownCashKrw: number;
  @ApiProperty({ type: 'string', format: 'date' }) startsOn: string;
  @ApiProperty({ type: 'string', format: 'date' }) endsOn: string;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) signedBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) signedAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) closeReason: string | null;
}

export class ProcessingProjectInKindView {
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
  @ApiProperty({ type: 'integer' }) amountKrw: number;
  @ApiProperty({ type: 'string' }) description: string;
}

export class ProcessingProjectView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) agreementId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) ownerOrganizationId: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) processorOrganizationId:
    string | null;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'integer' }) governmentKrw: number;
  @ApiProperty({ type: 'integer' }) ownCashKrw: number;
  @ApiProperty({ type: 'integer' }) ownKrw: number;
  @ApiProperty({ type: 'string', nullable: true }) ownSharePaymentIntentId: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) ownSharePaidAt: Date | null;
  @ApiProperty({ type: 'string', isArray: true, format: 'uuid' }) rawDatasetIds: string[];
  @ApiProperty({ type: () => [ProcessingProjectInKindView] }) inKind: ProcessingProjectInKindView[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) matchedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: () => ProcessingProjectAgreementView })
  agreement: ProcessingProjectAgreementView;
  @ApiProperty({ type: () => ProcessingProjectProcessorView, nullable: true })
  processor: ProcessingProjectProcessorView | null;
  @ApiProperty({ type: () => [ProcessingProjectMilestoneView] })
  milestones: ProcessingProjectMilestoneView[];
  @ApiProperty({ type: 'object', additionalProperties: true }) money: Record<string, unknown>;
  @ApiProperty({ type: () => [ProcessingProjectPaymentView] })
  payments: ProcessingProjectPaymentView[];
  @ApiProperty({ type: () => [ProcessingProjectHistoryView] })
  history: ProcessingProjectHistoryView[];
}
