import { ApiProperty } from '@nestjs/swagger';

export class EvaluatorAssignmentView {
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) userId: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) assignedBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) assignedAt: Date;
}

export class EvaluatorView {
  @ApiProperty({ type: 'string', format: 'uuid' }) userId: string;
  @ApiProperty({ type: 'string' }) email: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) assignedAt: Date;
}

export class BudgetView {
  @ApiProperty({ type: 'string', format: 'uuid' }) programId: string;
  @ApiProperty({ type: 'integer', nullable: true }) budgetKrw: number | null;
  @ApiProperty({ type: 'integer' }) availableKrw: number;
  @ApiProperty({ type: 'integer' }) committedKrw: number;
  @ApiProperty({ type: 'integer' }) spentKrw: number;
  @ApiProperty({ type: 'integer' }) releasedKrw: number;
}

export class ProgramView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', nullable: true }) slug: string | null;
  @ApiProperty({ type: 'string' }) kind: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'string' }) title: string;
  @ApiProperty({ type: 'string' }) description: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) announcedAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) applicationOpensAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  applicationClosesAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) evaluationStartsOn:
    string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) evaluationEndsOn: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) selectionOn: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) budgetKrw: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) targetCount: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) terms: Record<string, unknown>;
  @ApiProperty({ type: 'string', format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: 'string' }) applicationWindow: string;
}
