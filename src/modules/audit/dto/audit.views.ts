import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntry } from '../audit-entry.entity.js';

export class AuditEntryView {
  @ApiProperty({
    type: 'integer',
    description: 'Increasing with time: a later entry has a larger id',
  })
  id: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'null for the system',
  })
  actorId: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ example: 'order.created' }) action: string;
  @ApiProperty({ example: 'order' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What changed; amounts (fields ending Krw) are integers of won, as everywhere',
  })
  details: Record<string, unknown>;
  @ApiProperty({ type: 'string', nullable: true, description: 'The X-Request-Id that made it' })
  requestId: string | null;
}

/** Entries written before amounts were numbers hold them as digit strings; both answer numbers. */
const digits = /^-?\d{1,15}$/;

export function auditEntryView(e: AuditEntry): AuditEntryView {
  return {
    id: Number(e.id),
    at: e.at,
    actorId: e.actorId,
    organizationId: e.organizationId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    details: Object.fromEntries(
      Object.entries(e.details ?? {}).map(([k, v]) => [
        k,
        k.endsWith('Krw') && typeof v === 'string' && digits.test(v) ? Number(v) : v,
      ]),
    ),
    requestId: e.requestId,
  };
}
