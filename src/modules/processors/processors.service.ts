import { escapeLike } from '../../platform/database/like.js';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AuditService } from '../audit/index.js';
import { RelatedParties } from '../organizations/index.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import type { ProcessorQueryDto, UpdateProfileDto } from './dto/processor.dto.js';
import { PoolMember } from './pool-member.entity.js';
import { capacityOf } from './capacity.js';

interface PoolPlan {
  summary: string;
  staffCount: number;
  technologies: string[];
  industries: string[];
  references: string[];
  region?: string;
}

const DIRECTORY_SQL = `
  SELECT p.organization_id AS "organizationId", o.name, p.summary, p.staff_count AS "staffCount",
         p.technologies, p.industries, p.references, coalesce(p.region, o.region) AS region,
         p.projects_done AS "projectsDone", p.year, p.status, p.suspended_reason AS "suspendedReason",
         p.capacity AS "statedCapacity",
         (SELECT count(*)::int FROM processing_projects pp
           WHERE pp.processor_organization_id = p.organization_id AND pp.status = 'IN_PROGRESS') AS "openProjects"
    FROM pool_members p JOIN organizations o ON o.id = p.organization_id`;

/**
 * The directory ranked for matching a project (sort=fit), after the filter's `n` parameters: the
 * platform's limit of open projects, the technologies wanted and the owner's industry, then the
 * page. Free slots are counted as `view` counts them (capacityOf).
 */
const fitSql = (filter: string, n: number) => `
  SELECT d.* FROM (${DIRECTORY_SQL} ${filter}) d,
    LATERAL (SELECT greatest(0, least(coalesce(d."statedCapacity", $${n + 1}), $${n + 1}) - d."openProjects") AS free,
                    (SELECT count(*) FROM unnest(d.technologies) x WHERE x = ANY($${n + 2}::text[])) AS offers,
                    EXISTS (SELECT 1 FROM unnest(d.industries) i
                             WHERE $${n + 3}::text LIKE i || '%' OR i LIKE $${n + 3}::text || '%') AS serves) f
   ORDER BY f.free > 0 DESC, f.offers DESC, f.serves DESC, f.free DESC, d."projectsDone" DESC, d.name
   LIMIT $${n + 4} OFFSET $${n + 5}`;

type DirectoryRow = { statedCapacity: number | null; openProjects: number } & Record<
  string,
  unknown
>;

/** The processor pool: members, the public directory and profiles. */
@Injectable()
export class ProcessorsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly related: RelatedParties,
  ) {}

  /** A directory row as answered: the capacity it works to and its free slots. */
  private view({ statedCapacity, ...row }: DirectoryRow) {
    const capacity = capacityOf(statedCapacity, this.config.projects.maxOpenPerProcessor);
    return {
      ...row,
      capacity,
      statedCapacity,
      freeSlots: Math.max(0, capacity - row.openProjects),
    };
  }

  onModuleInit(): void {
    // A completed project counts on its processor's record (the newest pool membership).
    this.events.subscribe(
      EVENT_TYPES.PROJECT_COMPLETED,
      'processors.projects_done',
      async (event, m) => {
        const processor = event.payload.processorOrganizationId as string | null;
        if (!processor) return;
        await m.query(
          `UPDATE pool_members SET projects_done = projects_done + 1
          WHERE id = (SELECT id FROM pool_members WHERE organization_id = $1 ORDER BY year DESC LIMIT 1)`,
          [processor],
        );
      },
    );
  }

  /** Registers a selected pool application's organization for the call's year (inside the decision's transaction). */
  async register(
    m: EntityManager,
    a: {
      applicationId: string;
      organizationId: string;
      programId: string;
      year: number;
      plan: PoolPlan;
    },
  ) {
    await m
      .createQueryBuilder()
      .insert()
      .into(PoolMember)
      .values({
        organizationId: a.organizationId,
        programId: a.programId,
        applicationId: a.applicationId,
        year: a.year,
        summary: a.plan.summary,
        staffCount: a.plan.staffCount,
        technologies: a.plan.technologies,
        industries: a.plan.industries,
        references: a.plan.references,
        region: a.plan.region ?? null,
      })
      .orIgnore()
      .execute();
    await this.audit.record(m, {
      action: 'processor.registered',
      entityType: 'pool_member',
      entityId: a.organizationId,
      organizationId: a.organizationId,
      details: { year: a.year, programId: a.programId, applicationId: a.applicationId },
    });
  }

  /** The public directory: active members, newest year first, searchable (operators: suspended). */
  async directory(query: ProcessorQueryDto) {
    const params: unknown[] = [query.status ?? 'ACTIVE'];
    const where: string[] = [`p.status = $1`];
    if (query.q) {
      params.push(`%${escapeLike(query.q)}%`);
      const n = params.length;
      where.push(
        `(o.name ILIKE $${n} OR p.summary ILIKE $${n} OR array_to_string(p.technologies, ' ') ILIKE $${n}
          OR array_to_string(p.industries, ' ') ILIKE $${n} OR coalesce(p.region, o.region, '') ILIKE $${n})`,
      );
    }
    if (query.technology) {
      params.push(query.technology);
      where.push(`$${params.length} = ANY(p.technologies)`);
    }
    if (query.industry) {
      params.push(query.industry);
      where.push(
        `EXISTS (SELECT 1 FROM unnest(p.industries) i WHERE i LIKE $${params.length} || '%' OR $${params.length} LIKE i || '%')`,
      );
    }
    const filter = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM pool_members p JOIN organizations o ON o.id = p.organization_id ${filter}`,
      params,
    );
    const rows: DirectoryRow[] =
      query.sort === 'fit'
        ? await this.dataSource.query(fitSql(filter, params.length), [
            ...params,
            this.config.projects.maxOpenPerProcessor,
            query.wants ?? [],
            query.forIndustry ?? null,
            query.pageSize,
            (query.page - 1) * query.pageSize,
          ])
        : await this.dataSource.query(
            `${DIRECTORY_SQL} ${filter} ORDER BY p.year DESC, p.projects_done DESC, o.name LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
            [...params, query.pageSize, (query.page - 1) * query.pageSize],
          );
    return {
      items: rows.map((r) => this.view(r)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async profile(organizationId: string) {
    const [row] = await this.dataSource.query(
      `${DIRECTORY_SQL} WHERE p.organization_id = $1 ORDER BY p.year DESC LIMIT 1`,
      [organizationId],
    );
    if (!row) throw notFound('Processor', organizationId, '가공기업을 찾을 수 없습니다.');
    return this.view(row as DirectoryRow);
  }

  /** The newest membership of an organization, locked, or a 404. */
  private async latest(m: EntityManager, organizationId: string): Promise<PoolMember> {
    const member = await m.findOne(PoolMember, {
      where: { organizationId },
      order: { year: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!member)
      throw notFound('Processor', organizationId, '가공기업 Pool에 등록되지 않은 기관입니다.');
    return member;
  }

  async updateProfile(organizationId: string, dto: UpdateProfileDto) {
    await this.tx.run(async (m) => {
      const member = await this.latest(m, organizationId);
      const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length === 0) return;
      await m.update(PoolMember, { id: member.id }, changes);
      await this.audit.record(m, {
        action: 'processor.profile_updated',
        entityType: 'pool_member',
        entityId: organizationId,
        organizationId,
        details: changes,
      });
    });
    return this.profile(organizationId);
  }

  async setStatus(
    organizationId: string,
    status: 'ACTIVE' | 'SUSPENDED',
    reason: string,
    operator: Principal,
  ) {
    await this.tx.run(async (m) => {
      await this.related.assertNoStaffConflict(m, operator.id, [organizationId], 'pool');
      const member = await this.latest(m, organizationId);
      if (member.status === status)
        throw new DomainError(
          'INVALID_TRANSITION',
          `The processor is already ${status.toLowerCase()}.`,
        );
      await m.update(
        PoolMember,
        { id: member.id },
        { status, suspendedReason: status === 'SUSPENDED' ? reason : null },
      );
      await this.audit.record(m, {
        action: status === 'SUSPENDED' ? 'processor.suspended' : 'processor.reinstated',
        entityType: 'pool_member',
        entityId: organizationId,
        organizationId,
        details: { reason },
      });
    });
    return this.profile(organizationId);
  }
}
