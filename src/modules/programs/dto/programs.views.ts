import { ApiProperty } from '@nestjs/swagger';
import { krw } from '../../../platform/money/won.js';
import type { Program } from '../program.entity.js';
import { PROGRAM_KINDS } from '../program-terms.js';
import { applicationWindow } from '../program-window.js';

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
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'A stable name for seeded calls' })
  slug: string | null;
  @ApiProperty({ enum: PROGRAM_KINDS }) kind: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) announcedAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) applicationOpensAt: Date;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'null: a rolling call',
  })
  applicationClosesAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  evaluationStartsOn: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) evaluationEndsOn: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) selectionOn: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: not capped' })
  budgetKrw: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) targetCount: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The terms of the call: subsidy rates and caps, criteria, checklist, pass score',
  })
  terms: Record<string, unknown>;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'null when seeded' })
  createdBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ enum: ['NOT_YET_OPEN', 'OPEN', 'CLOSED'], description: 'Now, for applying' })
  applicationWindow: string;
}

/** A call as an answer, with whether it takes applications now. */
export function programView(p: Program, now = new Date()): ProgramView {
  return {
    id: p.id,
    slug: p.slug,
    kind: p.kind,
    year: p.year,
    title: p.title,
    description: p.description,
    announcedAt: p.announcedAt,
    applicationOpensAt: p.applicationOpensAt,
    applicationClosesAt: p.applicationClosesAt,
    evaluationStartsOn: p.evaluationStartsOn,
    evaluationEndsOn: p.evaluationEndsOn,
    selectionOn: p.selectionOn,
    budgetKrw: p.budgetKrw === null ? null : krw(p.budgetKrw),
    targetCount: p.targetCount,
    terms: { ...p.terms },
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    applicationWindow: applicationWindow(p, now),
  };
}
