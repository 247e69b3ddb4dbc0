import { ApiProperty, PickType } from '@nestjs/swagger';

export class ProgramReportMilestoneView {
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'integer' }) n: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
}

export class ProgramReportVouchersView {
  @ApiProperty({ type: 'integer' }) issued: number;
  @ApiProperty({ type: 'integer' }) used: number;
  @ApiProperty({ type: 'integer' }) expired: number;
}

export class ProgramReportView {
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'string' }) title: string;
  @ApiProperty({ type: 'string' }) kind: string;
  @ApiProperty({ type: 'integer', nullable: true }) budgetKrw: number | null;
  @ApiProperty({ type: 'integer' }) availableKrw: number;
  @ApiProperty({ type: 'integer' }) committedKrw: number;
  @ApiProperty({ type: 'integer' }) spentKrw: number;
  @ApiProperty({ type: 'integer' }) releasedKrw: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'How many applications are in each status',
  })
  applicationsByStatus: Record<string, number>;
  @ApiProperty({ type: 'integer' }) selected: number;
  @ApiProperty({ type: 'integer', nullable: true }) targetCount: number | null;
  @ApiProperty({ type: () => ProgramReportVouchersView })
  vouchers: ProgramReportVouchersView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'How many processing projects are in each status',
  })
  projectsByStatus: Record<string, number>;
  @ApiProperty({ type: () => [ProgramReportMilestoneView] })
  milestones: ProgramReportMilestoneView[];
  @ApiProperty({ type: 'integer' }) overdueMilestones: number;
}

export class ExchangeReportProcessorView {
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'integer' }) projectsDone: number;
}

export class ExchangeReportTopProductView {
  @ApiProperty({ type: 'string', format: 'uuid' }) productId: string;
  @ApiProperty({ type: 'string' }) title: string;
  @ApiProperty({ type: 'integer' }) sales: number;
  @ApiProperty({ type: 'integer' }) valueKrw: number;
}

export class ExchangeReportByIndustryView {
  @ApiProperty({ type: 'string' }) division: string;
  @ApiProperty({ type: 'integer' }) sales: number;
  @ApiProperty({ type: 'integer' }) valueKrw: number;
  @ApiProperty({ type: 'integer' }) voucherKrw: number;
  @ApiProperty({ type: 'integer' }) ownKrw: number;
}

export class ExchangeReportByMonthView {
  @ApiProperty({ type: 'string' }) month: string;
  @ApiProperty({ type: 'integer' }) sales: number;
  @ApiProperty({ type: 'integer' }) valueKrw: number;
  @ApiProperty({ type: 'integer' }) voucherKrw: number;
  @ApiProperty({ type: 'integer' }) ownKrw: number;
}

export class ExchangeReportTotalsView {
  @ApiProperty({ type: 'integer' }) sales: number;
  @ApiProperty({ type: 'integer' }) valueKrw: number;
  @ApiProperty({ type: 'integer' }) voucherKrw: number;
  @ApiProperty({ type: 'integer' }) ownKrw: number;
}

export class ExchangeReportListingsView {
  @ApiProperty({ type: 'integer' }) listed: number;
  @ApiProperty({ type: 'integer' }) total: number;
}

export class ExchangeReportView {
  @ApiProperty({ type: () => ExchangeReportListingsView })
  listings: ExchangeReportListingsView;
  @ApiProperty({ type: () => ExchangeReportTotalsView }) totals: ExchangeReportTotalsView;
  @ApiProperty({ type: () => [ExchangeReportByMonthView] })
  byMonth: ExchangeReportByMonthView[];
  @ApiProperty({ type: () => [ExchangeReportByIndustryView] })
  byIndustry: ExchangeReportByIndustryView[];
  @ApiProperty({ type: () => [ExchangeReportTopProductView] })
  topProducts: ExchangeReportTopProductView[];
  @ApiProperty({ type: () => [ExchangeReportProcessorView] })
  processors: ExchangeReportProcessorView[];
}

export class DeskProgramView extends PickType(ProgramReportView, [
  'programId',
  'title',
  'kind',
  'budgetKrw',
  'availableKrw',
  'committedKrw',
  'spentKrw',
  'releasedKrw',
  'applicationsByStatus',
  'selected',
  'targetCount',
] as const) {}

export class DeskOverdueMilestoneView {
  @ApiProperty({ type: 'string', format: 'uuid' }) projectId: string;
  @ApiProperty({ type: 'string' }) milestone: string;
  @ApiProperty({ type: 'string', format: 'date' }) plannedOn: string;
  @ApiProperty({ type: 'string' }) ownerName: string;
  @ApiProperty({ type: 'string', nullable: true }) processorName: string | null;
}

export class DeskOverdueMilestonesView {
  @ApiProperty({ type: 'integer', description: 'All overdue milestones (items: the first 20)' })
  count: number;
  @ApiProperty({ type: () => [DeskOverdueMilestoneView] }) items: DeskOverdueMilestoneView[];
}

export class DeskExpiringVoucherView {
  @ApiProperty({ type: 'string', format: 'uuid' }) voucherId: string;
  @ApiProperty({ type: 'string' }) organizationName: string;
  @ApiProperty({ type: 'string', format: 'date' }) validUntil: string;
  @ApiProperty({ type: 'integer' }) availableKrw: number;
}

export class DeskExpiringVouchersView {
  @ApiProperty({ type: 'integer', description: 'Vouchers with money left ending within 30 days' })
  count: number;
  @ApiProperty({ type: 'integer' }) availableKrw: number;
  @ApiProperty({ type: () => [DeskExpiringVoucherView] }) items: DeskExpiringVoucherView[];
}

export class DeskAwaitingPaymentView {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer', description: "The buyers' own shares not yet paid" })
  buyerKrw: number;
}

export class DeskPayoutsOwedView {
  @ApiProperty({ type: 'integer' }) sellers: number;
  @ApiProperty({ type: 'integer' }) owedKrw: number;
}

export class DeskReportView {
  @ApiProperty({ type: () => [DeskProgramView], description: 'The 20 newest calls' })
  programs: DeskProgramView[];
  @ApiProperty({ type: () => DeskOverdueMilestonesView })
  overdueMilestones: DeskOverdueMilestonesView;
  @ApiProperty({ type: () => DeskExpiringVouchersView })
  expiringVouchers: DeskExpiringVouchersView;
  @ApiProperty({ type: () => DeskAwaitingPaymentView })
  ordersAwaitingPayment: DeskAwaitingPaymentView;
  @ApiProperty({ type: () => DeskPayoutsOwedView }) payoutsOwed: DeskPayoutsOwedView;
}
