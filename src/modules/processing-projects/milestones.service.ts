import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { AgreementsService } from '../applications/index.js';
import { Product, ProductsService } from '../catalog/index.js';
import { DatasetVersion, Dataset } from '../datasets/index.js';
import { LedgerService } from '../ledger/index.js';
import { RelatedParties } from '../organizations/index.js';
import { QualityService } from '../quality/index.js';
import type { SubmitMilestoneDto } from './dto/project.dto.js';
import { type MilestoneName, type ProcessingProject, ProjectMilestone } from './project.entity.js';
import { ProjectRecords } from './project-records.service.js';

/** A project's milestones: the processor submits deliverables, the owner accepts or returns them. */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly tx: Transactions,
    private readonly agreements: AgreementsService,
    private readonly ledger: LedgerService,
    private readonly products: ProductsService,
    private readonly quality: QualityService,
    private readonly records: ProjectRecords,
    private readonly related: RelatedParties,
  ) {}

  /** The processor submits a milestone with deliverable versions of its own datasets. */
  async submit(id: string, name: MilestoneName, dto: SubmitMilestoneDto) {
    await this.tx.run(async (m) => {
      const project = await this.records.lock(m, id);
      if (project.status !== 'IN_PROGRESS')
        throw new DomainError('INVALID_TRANSITION', `Project ${id} is ${project.status}.`);
      const milestones = await m.find(ProjectMilestone, {
        where: { projectId: id },
        order: { position: 'ASC' },
      });
      const milestone = milestones.find((x) => x.name === name)!;
      const earlier = milestones.filter(
        (x) => x.position < milestone.position && x.status !== 'ACCEPTED',
      );
      if (earlier.length)
        throw new DomainError(
          'INVALID_TRANSITION',
          `Milestone ${earlier[0].name} must be accepted before ${name} is submitted.`,
        );
      if (!['PENDING', 'RETURNED'].includes(milestone.status))
        throw new DomainError(
          'INVALID_TRANSITION',
          `Milestone ${name} is ${milestone.status}; only a pending or returned milestone can be submitted.`,
        );
      const deliverables = [];
      for (const d of dto.deliverables) {
        const dataset = await m.findOne(Dataset, { where: { id: d.datasetId } });
        if (!dataset || dataset.organizationId !== project.processorOrganizationId)
          throw new DomainError(
            'VALIDATION_FAILED',
            `Deliverable dataset ${d.datasetId} is not a dataset of the processor's organization.`,
          );
        const version = await m.findOne(DatasetVersion, {
          where: { datasetId: d.datasetId, version: d.version },
        });
        if (version?.status !== 'SEALED')
          throw new DomainError(
            'VERSION_NOT_SEALED',
            `Version ${d.version} of dataset ${d.datasetId} is not sealed.`,
          );
        if (name !== 'PROCESSING') {
          await this.quality.assertPassed(m, version.id, {
            en: `Version ${d.version} of dataset ${d.datasetId}`,
            ko: `데이터셋 ${d.datasetId}의 버전 ${d.version}`,
          });
        }
        deliverables.push({ datasetId: d.datasetId, version: d.version, versionId: version.id });
      }
      await m.update(
        ProjectMilestone,
        { id: milestone.id },
        { status: 'SUBMITTED', deliverables, submittedAt: new Date(), note: dto.note ?? null },
      );
      await this.records.event(m, id, 'milestone.submitted', name, dto.note ?? null);
    });
    return this.records.view(id);
  }

  /**
   * The owner accepts a submitted milestone (an operator may override, with a reason). Its share
   * of the government money moves from committed to spent and is owed to the processor.
   * REGISTRATION needs a listed product made from a deliverable; it becomes the owner's product,
   * marked as processing-supported so the one-year listing rule applies.
   */
  async accept(id: string, name: MilestoneName, actor: Principal, reason?: string) {
    const completed = await this.tx.run(async (m) => {
      const project = await this.records.lock(m, id);
      const overriding = !actor.roleIn(project.ownerOrganizationId);
      if (overriding && !reason)
        throw new DomainError(
          'VALIDATION_FAILED',
          'An operator accepting for the owner must give a reason.',
        );
      if (overriding) await this.assertNoConflict(m, project, actor);
      const milestone = await m.findOneByOrFail(ProjectMilestone, { projectId: id, name });
      if (milestone.status !== 'SUBMITTED')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Milestone ${name} is ${milestone.status}; only a submitted milestone can be accepted.`,
        );
      if (name === 'REGISTRATION') {
        const product = await m.findOne(Product, {
          where: {
            datasetId: In(milestone.deliverables.map((d) => d.datasetId)),
            status: 'LISTED',
          },
        });
        if (!product)
          throw new DomainError(
            'NOT_LISTED',
            'REGISTRATION is accepted only when a product made from a deliverable is listed on the exchange; publish it first.',
          );
        await this.products.markProcessingSupported(m, product.id, id, {
          ownerOrganizationId: project.ownerOrganizationId,
          processorOrganizationId: project.processorOrganizationId!,
        });
      }
      await this.ledger.post(
        m,
        {
          kind: 'BUDGET_SPENT',
          referenceType: 'agreement',
          referenceId: project.agreementId,
          memo: `milestone ${name}`,
        },
        [
          {
            account: 'PROGRAM_COMMITTED',
            amountKrw: -milestone.amountKrw,
            programId: project.programId,
            organizationId: project.ownerOrganizationId,
          },
          {
            account: 'PROGRAM_SPENT',
            amountKrw: milestone.amountKrw,
            programId: project.programId,
            organizationId: project.ownerOrganizationId,
          },
          {
            account: 'SUBSIDY_RECEIVABLE',
            amountKrw: milestone.amountKrw,
            programId: project.programId,
          },
          {
            account: 'SELLER_PAYABLE',
            amountKrw: -milestone.amountKrw,
            organizationId: project.processorOrganizationId,
          },
        ],
      );
      await m.update(
        ProjectMilestone,
        { id: milestone.id },
        { status: 'ACCEPTED', acceptedAt: new Date() },
      );
      await this.records.event(
        m,
        id,
        overriding ? 'milestone.accepted_by_operator' : 'milestone.accepted',
        name,
        reason ?? null,
      );
      const left = await m.count(ProjectMilestone, {
        where: { projectId: id, status: In(['PENDING', 'SUBMITTED', 'RETURNED']) },
      });
      return left === 0 ? project : null;
    });
    // All three accepted: the agreement completes, and whatever is still committed goes back to the budget.
    if (completed)
      await this.agreements.close(completed.applicationId, 'COMPLETED', 'all milestones accepted');
    return this.records.view(id);
  }

  async returnMilestone(id: string, name: MilestoneName, reason: string, actor: Principal) {
    await this.tx.run(async (m) => {
      const project = await this.records.lock(m, id);
      if (!actor.roleIn(project.ownerOrganizationId))
        await this.assertNoConflict(m, project, actor);
      const milestone = await m.findOneByOrFail(ProjectMilestone, { projectId: id, name });
      if (milestone.status !== 'SUBMITTED')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Milestone ${name} is ${milestone.status}; only a submitted milestone can be returned.`,
        );
      await m.update(ProjectMilestone, { id: milestone.id }, { status: 'RETURNED', note: reason });
      await this.records.event(m, id, 'milestone.returned', name, reason);
    });
    return this.records.view(id);
  }

  /** An operator deciding for the owner is related to neither side of the project. */
  private assertNoConflict(m: EntityManager, project: ProcessingProject, operator: Principal) {
    return this.related.assertNoStaffConflict(
      m,
      operator.id,
      [project.ownerOrganizationId, project.processorOrganizationId ?? []].flat(),
      'milestone',
    );
  }
}
