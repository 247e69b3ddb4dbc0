import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { Transactions } from '../../platform/database/transactions.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { ApplicationLifecycle, AgreementSeams, Agreement } from '../applications/index.js';
import { Organization, RelatedParties } from '../organizations/index.js';
import { capacityOf, PoolMember } from '../processors/index.js';
import type { Program } from '../programs/index.js';
import { milestonePlan } from './milestone-plan.js';
import { ProcessingProject, ProjectMilestone } from './project.entity.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';
import { ProjectRecords } from './project-records.service.js';

/**
 * Processing support: a project made from each signed agreement, matched with a pool processor.
 * Milestones (MilestonesService), the owner's own share (OwnShareService) and raw-data sharing
 * (RawDataService) are their own services; ProjectRecords holds what they share.
 */
@Injectable()
export class ProcessingProjectsService implements OnModuleInit {
  constructor(
    private readonly tx: Transactions,
    private readonly seams: AgreementSeams,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly events: DomainEvents,
    private readonly resolvers: OrgResolvers,
    private readonly related: RelatedParties,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly records: ProjectRecords,
  ) {}

  onModuleInit(): void {
    this.seams.onSigned('PROCESSING_SUPPORT', (m, agreement, program) =>
      this.create(m, agreement, program),
    );
    this.seams.onClosed('PROCESSING_SUPPORT', async (m, agreement, _program, outcome) => {
      await m.update(ProcessingProject, { agreementId: agreement.id }, { status: outcome });
      const project = await m.findOneByOrFail(ProcessingProject, { agreementId: agreement.id });
      // The processor's record counts it (processors/ subscribes).
      if (outcome === 'COMPLETED')
        await this.events.publish(m, {
          type: EVENT_TYPES.PROJECT_COMPLETED,
          subjectType: 'processing_project',
          subjectId: project.id,
          organizationId: project.ownerOrganizationId,
          payload: { processorOrganizationId: project.processorOrganizationId },
        });
    });
    const find = (id: string) =>
      this.tx.manager.getRepository(ProcessingProject).findOne({ where: { id } });
    this.resolvers.register('projectOwner', async (id) => (await find(id))?.ownerOrganizationId);
    this.resolvers.register(
      'projectProcessor',
      async (id) => (await find(id))?.processorOrganizationId ?? undefined,
    );
  }

  private async create(m: EntityManager, agreement: Agreement, program: Program) {
    const project = await m.save(
      m.create(ProcessingProject, {
        agreementId: agreement.id,
        applicationId: agreement.applicationId,
        programId: program.id,
        ownerOrganizationId: agreement.organizationId,
        governmentKrw: agreement.governmentKrw,
        ownCashKrw: agreement.ownCashKrw,
        ownKrw: agreement.ownKrw,
        status: 'AWAITING_MATCH',
      }),
    );
    await m.insert(
      ProjectMilestone,
      milestonePlan(agreement.governmentKrw, agreement.startsOn, agreement.endsOn).map((p) => ({
        ...p,
        projectId: project.id,
      })),
    );
    await this.records.event(m, project.id, 'project.created', null, null);
    return { processingProjectId: project.id };
  }

  /** Assigns an active pool processor, unrelated to the owner and under its limit of open projects. */
  async match(id: string, processorOrganizationId: string, operator: Principal) {
    await this.tx.run(async (m) => {
      const project = await this.records.lock(m, id);
      if (project.status !== 'AWAITING_MATCH')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Project ${id} is ${project.status}; only a project awaiting a processor can be matched.`,
        );
      const member = await m.findOne(PoolMember, {
        where: { organizationId: processorOrganizationId },
        order: { year: 'DESC' },
      });
      if (!member)
        throw new DomainError(
          'NOT_IN_POOL',
          `Organization ${processorOrganizationId} is not in the processor pool.`,
        );
      if (member.status !== 'ACTIVE')
        throw new DomainError(
          'PROCESSOR_SUSPENDED',
          `The processor is suspended (${member.suspendedReason ?? 'no reason given'}).`,
        );
      const [owner, processor] = [
        await m.findOneByOrFail(Organization, { id: project.ownerOrganizationId }),
        await m.findOneByOrFail(Organization, { id: processorOrganizationId }),
      ];
      await this.related.assertNoStaffConflict(m, operator.id, [owner.id, processor.id], 'match');
      await this.related.assertUnrelated(m, 'match', owner, processor);
      // Lock the processor's pool row so two matchings cannot both take its last free slot.
      await m.findOne(PoolMember, {
        where: { id: member.id },
        lock: { mode: 'pessimistic_write' },
      });
      const open = await m.count(ProcessingProject, {
        where: { processorOrganizationId, status: 'IN_PROGRESS' },
      });
      const capacity = capacityOf(member.capacity, this.config.projects.maxOpenPerProcessor);
      if (open >= capacity)
        throw new DomainError(
          'PROCESSOR_AT_CAPACITY',
          `${processor.name} already carries ${open} open projects, as many as it takes at once (${capacity}).`,
          {
            messageKo: `${processor.name}은(는) 이미 진행 중인 과제가 ${open}건으로, 동시에 맡을 수 있는 수(${capacity}건)를 채웠습니다.`,
          },
        );
      await m.update(
        ProcessingProject,
        { id },
        { processorOrganizationId, status: 'IN_PROGRESS', matchedAt: new Date() },
      );
      const application = await this.lifecycle.load(m, project.applicationId, true);
      if (application.status === 'AGREEMENT')
        await this.lifecycle.move(m, application, 'IN_PROGRESS', 'processor matched');
      await this.records.event(m, id, 'project.matched', null, processor.name);
    });
    return this.records.view(id);
  }

  /** The project as its owner, its processor and operators see it; anyone else gets 404. */
  async get(id: string, viewer: Principal) {
    const project = await this.tx.manager.getRepository(ProcessingProject).findOneBy({ id });
    const allowed =
      project &&
      (viewer.isOperator ||
        viewer.roleIn(project.ownerOrganizationId) ||
        (project.processorOrganizationId && viewer.roleIn(project.processorOrganizationId)));
    if (!allowed) throw notFound('Processing project', id, '가공지원 과제를 찾을 수 없습니다.');
    return this.records.view(id);
  }

  /**
   * Projects in a list: an organization's, as owner or as processor, or (operators, no
   * organization) every one. Each with the parties' names, its milestones accepted, and how many
   * are past their planned day.
   */
  async list(organizationId: string | null) {
    const rows: ProjectSummaryRow[] = await this.tx.manager.query(
      `SELECT p.id, p.status, p.application_id AS "applicationId", pr.title AS "programTitle",
              p.owner_organization_id AS "ownerOrganizationId", o.name AS "ownerName",
              p.processor_organization_id AS "processorOrganizationId", q.name AS "processorName",
              p.government_krw::text AS "governmentKrw", p.own_share_paid_at AS "ownSharePaidAt",
              p.created_at AS "createdAt",
              count(m.*) FILTER (WHERE m.status = 'ACCEPTED')::int AS "milestonesAccepted",
              count(m.*)::int AS "milestones",
              count(m.*) FILTER (WHERE m.status <> 'ACCEPTED' AND m.planned_on < $2::date)::int AS "overdue"
         FROM processing_projects p
         JOIN programs pr ON pr.id = p.program_id
         JOIN organizations o ON o.id = p.owner_organization_id
         LEFT JOIN organizations q ON q.id = p.processor_organization_id
         LEFT JOIN project_milestones m ON m.project_id = p.id
        WHERE $1::uuid IS NULL OR p.owner_organization_id = $1 OR p.processor_organization_id = $1
        GROUP BY p.id, pr.title, o.name, q.name
        ORDER BY p.created_at DESC`,
      [organizationId, seoulToday()],
    );
    return {
      items: rows.map((r) => ({
        ...r,
        governmentKrw: Number(r.governmentKrw),
        side:
          organizationId === null
            ? null
            : r.ownerOrganizationId === organizationId
              ? ('OWNER' as const)
              : ('PROCESSOR' as const),
      })),
    };
  }
}

interface ProjectSummaryRow {
  id: string;
  status: string;
  applicationId: string;
  programTitle: string;
  ownerOrganizationId: string;
  ownerName: string;
  processorOrganizationId: string | null;
  processorName: string | null;
  governmentKrw: string;
  ownSharePaidAt: Date | null;
  createdAt: Date;
  milestonesAccepted: number;
  milestones: number;
  overdue: number;
}
