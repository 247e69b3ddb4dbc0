import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../../platform/context/request-context.js';
import { notFound } from '../../platform/errors/domain-error.js';
import { Agreement } from '../applications/index.js';
import { AuditService } from '../audit/index.js';
import { LedgerService } from '../ledger/index.js';
import { Organization } from '../organizations/index.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { krw } from '../../platform/money/won.js';
import { type ProcessingProjectView, projectView } from './dto/processing-projects.views.js';
import {
  type MilestoneName,
  ProcessingProject,
  ProjectEvent,
  ProjectMilestone,
} from './project.entity.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { PROJECT_EVENT_PREFIX } from '../../platform/events/event-types.js';

/**
 * What every part of a processing project shares: its history (each entry also audited and
 * published as a domain event), its lock, and the view of it everyone is answered with.
 */
@Injectable()
export class ProjectRecords {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async event(
    m: EntityManager,
    projectId: string,
    action: string,
    milestone: MilestoneName | null,
    reason: string | null,
  ) {
    await m.insert(ProjectEvent, {
      projectId,
      action,
      milestone,
      reason,
      actorId: requestContext.current()?.userId ?? null,
    });
    const project = await m.findOneByOrFail(ProcessingProject, { id: projectId });
    await this.audit.record(m, {
      action,
      entityType: 'processing_project',
      entityId: projectId,
      organizationId: project.ownerOrganizationId,
      details: { milestone, reason },
    });
    await this.events.publish(m, {
      type: `${PROJECT_EVENT_PREFIX}${action}`,
      subjectType: 'processing_project',
      subjectId: projectId,
      organizationId: project.ownerOrganizationId,
      payload: { milestone, reason, processorOrganizationId: project.processorOrganizationId },
    });
  }

  async lock(m: EntityManager, id: string) {
    const project = await m.findOne(ProcessingProject, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!project) throw notFound('Processing project', id, '가공지원 과제를 찾을 수 없습니다.');
    return project;
  }

  async view(id: string): Promise<ProcessingProjectView> {
    const m = this.dataSource.manager;
    const project = await m.findOneByOrFail(ProcessingProject, { id });
    const agreement = await m.findOneByOrFail(Agreement, { id: project.agreementId });
    const milestones = await m.find(ProjectMilestone, {
      where: { projectId: id },
      order: { position: 'ASC' },
    });
    const history = await m.find(ProjectEvent, { where: { projectId: id }, order: { id: 'ASC' } });
    const processor = project.processorOrganizationId
      ? await m.findOneBy(Organization, { id: project.processorOrganizationId })
      : null;
    const today = seoulToday();
    const payments = await m.query(
      `SELECT j.kind, j.memo, j.created_at AS at, e.account, e.amount_krw::bigint AS "amountKrw"
         FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id
        WHERE j.reference_id = $1 AND e.account IN ('PROGRAM_COMMITTED', 'PROGRAM_SPENT', 'PROGRAM_AVAILABLE') ORDER BY e.id`,
      [project.agreementId],
    );
    const committedKrw = await this.ledger.committedFor(m, project.agreementId);
    const entries = payments.map((p: { account: string; amountKrw: string }) => ({
      ...p,
      amountKrw: Number(p.amountKrw),
    }));
    const spentKrw = entries
      .filter((p: { account: string }) => p.account === 'PROGRAM_SPENT')
      .reduce((a: number, p: { amountKrw: number }) => a + p.amountKrw, 0);
    const rawData: { datasetId: string; title: string; sealedVersions: number[] }[] = await m.query(
      `SELECT d.id AS "datasetId", d.title,
                coalesce(array_agg(v.version ORDER BY v.version) FILTER (WHERE v.status = 'SEALED'), '{}') AS "sealedVersions"
           FROM datasets d LEFT JOIN dataset_versions v ON v.dataset_id = d.id
          WHERE d.id = ANY($1) GROUP BY d.id, d.title ORDER BY d.title`,
      [project.rawDatasetIds],
    );
    return projectView(project, {
      agreement,
      rawData,
      processor,
      milestones,
      today,
      money: {
        governmentKrw: krw(project.governmentKrw),
        committedKrw: krw(committedKrw),
        spentKrw,
        releasedKrw: krw(project.governmentKrw) - krw(committedKrw) - spentKrw,
      },
      payments: entries,
      history,
    });
  }
}
