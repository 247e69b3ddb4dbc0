import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../../platform/context/request-context.js';
import { AuditEntry } from './audit-entry.entity.js';
import { auditEntryView } from './dto/audit.views.js';
import type { AuditQueryDto } from './dto/audit-query.dto.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  organizationId?: string | null;
  details?: Record<string, unknown>;
  /** Defaults to the signed-in caller of the current request. */
  actorId?: string | null;
}

/** Amounts are bigint in code and integers in the stored details, as in every answer. */
function plain(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
  );
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes an entry with the caller's transaction, so it commits or rolls back with the change. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    const ctx = requestContext.current();
    await manager.insert(AuditEntry, {
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      organizationId: record.organizationId ?? null,
      details: plain(record.details ?? {}) as object,
      actorId: record.actorId === undefined ? (ctx?.userId ?? null) : record.actorId,
      requestId: ctx?.requestId ?? null,
    });
  }

  async list(query: AuditQueryDto) {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.organizationId) qb.andWhere('a.organizationId = :org', { org: query.organizationId });
    if (query.entityType)
      qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    const [items, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: items.map(auditEntryView), total, page: query.page, pageSize: query.pageSize };
  }
}
