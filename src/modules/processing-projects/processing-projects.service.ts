import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import type { Principal } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { requestContext } from '../../platform/context/request-context.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { ApplicationLifecycle } from '../applications/index.js';
import { AgreementSeams } from '../applications/index.js';
import { Agreement } from '../applications/index.js';
import { AgreementsService } from '../applications/index.js';
import { AuditService } from '../audit/index.js';
import { Product } from '../catalog/index.js';
import { ProductsService } from '../catalog/index.js';
import { DatasetFile } from '../datasets/index.js';
import { DatasetVersion } from '../datasets/index.js';
import { StoragePort } from '../../platform/storage/storage.port.js';
import { Dataset } from '../datasets/index.js';
import { LedgerService } from '../ledger/index.js';
import { type Claim, PaymentsHub, type Waiting } from '../payments/index.js';
import {
  amountMismatch,
  PaymentPort,
  type PaymentEvent,
} from '../../platform/payments/payment.port.js';
import { Organization } from '../organizations/index.js';
import { RelatedParties } from '../organizations/index.js';
import { PoolMember } from '../processors/index.js';
import type { Program } from '../programs/index.js';
import { QualityService } from '../quality/index.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { krw } from '../../platform/money/won.js';
import { type ProcessingProjectView, projectView } from './dto/processing-projects.views.js';
import type { SubmitMilestoneDto } from './dto/project.dto.js';
import { milestonePlan } from './milestone-plan.js';
import {
  type MilestoneName,
  ProcessingProject,
  ProjectEvent,
  ProjectMilestone,
} from './project.entity.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES, PROJECT_EVENT_PREFIX } from '../../platform/events/event-types.js';

/** Processing support: projects from agreements, matching with pool processors, milestones and their money. */
@Injectable()
export class ProcessingProjectsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly seams: AgreementSeams,
    private readonly agreements: AgreementsService,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly ledger: LedgerService,
    private readonly products: ProductsService,
    private readonly quality: QualityService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
    private readonly hub: PaymentsHub,
    private readonly payments: PaymentPort,
    private readonly storage: StoragePort,
    private readonly related: RelatedParties,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    this.hub.register('own-share', {
      claim: (m, event) => this.claimOwnShare(m, event),
      // Own shares started and not yet paid: reconciliation asks Stripe about them.
      waiting: (before) => this.ownSharesWaiting(before),
    });
    const find = (id: string) =>
      this.dataSource.getRepository(ProcessingProject).findOne({ where: { id } });
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
    await this.event(m, project.id, 'project.created', null, null);
    return { processingProjectId: project.id };
  }

  private async event(
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

  private async lock(m: EntityManager, id: string) {
    const project = await m.findOne(ProcessingProject, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!project) throw notFound('Processing project', id, '가공지원 과제를 찾을 수 없습니다.');
    return project;
  }

  /** Assigns an active pool processor, unrelated to the owner and under its limit of open projects. */
  async match(id: string, processorOrganizationId: string) {
    await this.tx.run(async (m) => {
      const project = await this.lock(m, id);
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
      await this.related.assertUnrelated(m, 'match', owner, processor);
      // Lock the processor's pool row so two matchings cannot both take its last free slot.
      await m.findOne(PoolMember, {
        where: { id: member.id },
        lock: { mode: 'pessimistic_write' },
      });
      const open = await m.count(ProcessingProject, {
        where: { processorOrganizationId, status: 'IN_PROGRESS' },
      });
      if (open >= this.config.projects.maxOpenPerProcessor)
        throw new DomainError(
          'PROCESSOR_AT_CAPACITY',
          `${processor.name} already carries ${open} open projects, the limit (${this.config.projects.maxOpenPerProcessor}).`,
        );
      await m.update(
        ProcessingProject,
        { id },
        { processorOrganizationId, status: 'IN_PROGRESS', matchedAt: new Date() },
      );
      const application = await this.lifecycle.load(m, project.applicationId, true);
      if (application.status === 'AGREEMENT')
        await this.lifecycle.move(m, application, 'IN_PROGRESS', 'processor matched');
      await this.event(m, id, 'project.matched', null, processor.name);
    });
    return this.view(id);
  }

  /** The processor submits a milestone with deliverable versions of its own datasets. */
  async submit(id: string, name: MilestoneName, dto: SubmitMilestoneDto) {
    await this.tx.run(async (m) => {
      const project = await this.lock(m, id);
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
          await this.quality.assertPassed(
            m,
            version.id,
            `Version ${d.version} of dataset ${d.datasetId}`,
          );
        }
        deliverables.push({ datasetId: d.datasetId, version: d.version, versionId: version.id });
      }
      await m.update(
        ProjectMilestone,
        { id: milestone.id },
        { status: 'SUBMITTED', deliverables, submittedAt: new Date(), note: dto.note ?? null },
      );
      await this.event(m, id, 'milestone.submitted', name, dto.note ?? null);
    });
    return this.view(id);
  }

  /**
   * The owner accepts a submitted milestone (an operator may override, with a reason). Its share
   * of the government money moves from committed to spent and is owed to the processor.
   * REGISTRATION needs a listed product made from a deliverable; it becomes the owner's product,
   * marked as processing-supported so the one-year listing rule applies.
   */
  async accept(id: string, name: MilestoneName, actor: Principal, reason?: string) {
    const completed = await this.tx.run(async (m) => {
      const project = await this.lock(m, id);
      const overriding = !actor.roleIn(project.ownerOrganizationId);
      if (overriding && !reason)
        throw new DomainError(
          'VALIDATION_FAILED',
          'An operator accepting for the owner must give a reason.',
        );
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
      await this.event(
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
    return this.view(id);
  }

  async returnMilestone(id: string, name: MilestoneName, reason: string) {
    await this.tx.run(async (m) => {
      await this.lock(m, id);
      const milestone = await m.findOneByOrFail(ProjectMilestone, { projectId: id, name });
      if (milestone.status !== 'SUBMITTED')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Milestone ${name} is ${milestone.status}; only a submitted milestone can be returned.`,
        );
      await m.update(ProjectMilestone, { id: milestone.id }, { status: 'RETURNED', note: reason });
      await this.event(m, id, 'milestone.returned', name, reason);
    });
    return this.view(id);
  }

  /** The owner pays its cash part (10% or more of its own share) through Stripe; it is owed to the processor. */
  async payOwnShare(id: string) {
    const project = await this.dataSource.getRepository(ProcessingProject).findOneBy({ id });
    if (!project) throw notFound('Processing project', id);
    if (project.ownSharePaidAt)
      throw new DomainError('CONFLICT', 'The cash part of the own share is paid already.');
    if (project.status !== 'IN_PROGRESS')
      throw new DomainError('INVALID_TRANSITION', 'Pay the own share once a processor is matched.');
    if (project.ownSharePaymentIntentId)
      return {
        paymentIntentId: project.ownSharePaymentIntentId,
        clientSecret: project.ownShareClientSecret,
        amountKrw: project.ownCashKrw,
      };
    const payment = await this.payments
      .createPayment({
        reference: { projectId: id },
        amountKrw: project.ownCashKrw,
        description: `own share of project ${id}`,
        idempotencyKey: `ownshare-${id}`,
      })
      .catch(() => {
        throw new DomainError(
          'PAYMENT_PROVIDER_UNAVAILABLE',
          'The card payment could not be started; try again in a moment.',
        );
      });
    await this.dataSource.getRepository(ProcessingProject).update(
      { id },
      {
        ownSharePaymentIntentId: payment.paymentIntentId,
        ownShareClientSecret: payment.clientSecret,
      },
    );
    return {
      paymentIntentId: payment.paymentIntentId,
      clientSecret: payment.clientSecret,
      amountKrw: project.ownCashKrw,
    };
  }

  /** Applies a Stripe event about an own-share payment (inside the webhook's transaction, once). */
  /** The project whose own share an event pays (by its PaymentIntent, locked), as payments/ asks. */
  private async claimOwnShare(m: EntityManager, event: PaymentEvent): Promise<Claim | undefined> {
    const project = event.paymentIntentId
      ? await m.findOne(ProcessingProject, {
          where: { ownSharePaymentIntentId: event.paymentIntentId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!project) return undefined;
    return {
      apply: async () => {
        const outcome = await this.applyOwnSharePayment(m, event, project);
        return { outcome, changed: outcome === 'own share paid' };
      },
    };
  }

  private async *ownSharesWaiting(_before: Date): AsyncIterable<Waiting> {
    const projects = await this.dataSource.getRepository(ProcessingProject).find({
      where: { ownSharePaymentIntentId: Not(IsNull()), ownSharePaidAt: IsNull() },
      select: { id: true, ownSharePaymentIntentId: true },
    });
    for (const p of projects)
      yield {
        id: p.id,
        paymentIntentId: p.ownSharePaymentIntentId!,
        metadata: { projectId: p.id },
      };
  }

  private async applyOwnSharePayment(
    m: EntityManager,
    event: PaymentEvent,
    project: ProcessingProject,
  ): Promise<string> {
    if (event.type === 'payment_intent.payment_failed') return 'own share: card payment failed';
    if (event.type !== 'payment_intent.succeeded') return `own share: ignored ${event.type}`;
    if (project.ownSharePaidAt) return 'own share: already paid';
    const mismatch = amountMismatch(event, project.ownCashKrw);
    if (mismatch) return `attention: own share: ${mismatch}; nothing changed`;
    await this.ledger.post(
      m,
      {
        kind: 'OWN_SHARE_PAID',
        referenceType: 'agreement',
        referenceId: project.agreementId,
        memo: `stripe ${event.id}`,
      },
      [
        {
          account: 'STRIPE_CLEARING',
          amountKrw: project.ownCashKrw,
          organizationId: project.ownerOrganizationId,
        },
        {
          account: 'SELLER_PAYABLE',
          amountKrw: -project.ownCashKrw,
          organizationId: project.processorOrganizationId,
        },
      ],
    );
    await m.update(ProcessingProject, { id: project.id }, { ownSharePaidAt: new Date() });
    await this.event(m, project.id, 'own_share.paid', null, null);
    return 'own share paid';
  }

  /** Records the owner's contribution in kind; with the cash part it may not exceed the own share. */
  async recordInKind(id: string, amountKrw: number, description: string) {
    await this.tx.run(async (m) => {
      const project = await this.lock(m, id);
      const recorded = project.inKind.reduce((a, x) => a + BigInt(x.amountKrw), 0n);
      const room = project.ownKrw - project.ownCashKrw - recorded;
      if (BigInt(amountKrw) > room)
        throw new DomainError(
          'CONFLICT',
          `In kind the owner can still record ${room.toLocaleString('en-US')} KRW (own share minus the cash part minus what is recorded).`,
        );
      await m.update(
        ProcessingProject,
        { id },
        { inKind: [...project.inKind, { amountKrw, description, at: new Date().toISOString() }] },
      );
      await this.event(m, id, 'in_kind.recorded', null, `${amountKrw} KRW: ${description}`);
    });
    return this.view(id);
  }

  /** The owner shares one of its datasets with the project's processor. */
  async shareRawData(id: string, datasetId: string) {
    await this.tx.run(async (m) => {
      const project = await this.lock(m, id);
      const dataset = await m.findOne(Dataset, { where: { id: datasetId } });
      if (!dataset || dataset.organizationId !== project.ownerOrganizationId)
        throw new DomainError(
          'VALIDATION_FAILED',
          `Dataset ${datasetId} is not a dataset of the owner organization.`,
        );
      if (project.rawDatasetIds.includes(datasetId)) return;
      await m.update(
        ProcessingProject,
        { id },
        { rawDatasetIds: [...project.rawDatasetIds, datasetId] },
      );
      await this.event(m, id, 'raw_data.shared', null, dataset.title);
    });
    return this.view(id);
  }

  /** The processor downloads a sealed version of the raw data the owner shared: short-lived URLs with SHA-256. */
  async rawDataDownload(id: string, datasetId: string, version: number) {
    const m = this.dataSource.manager;
    const project = await m.findOneByOrFail(ProcessingProject, { id });
    if (!project.rawDatasetIds.includes(datasetId) || project.status !== 'IN_PROGRESS')
      throw new DomainError(
        'NOT_ENTITLED',
        `Dataset ${datasetId} is not shared with this project's processor (or the project is not in progress).`,
      );
    const found = await m.findOne(DatasetVersion, { where: { datasetId, version } });
    if (found?.status !== 'SEALED')
      throw new DomainError(
        'VERSION_NOT_SEALED',
        `Version ${version} of the shared dataset is not sealed.`,
      );
    const files = await m.find(DatasetFile, {
      where: { versionId: found.id, status: 'AVAILABLE' },
      order: { name: 'ASC' },
    });
    await this.event(m, id, 'raw_data.downloaded', null, `${datasetId} v${version}`);
    return {
      datasetId,
      version,
      files: await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          sizeBytes: f.sizeBytes,
          sha256: f.sha256,
          url: await this.storage.presignGet(f.storageKey, 600, f.name),
        })),
      ),
    };
  }

  /** The project as its owner, its processor and operators see it; anyone else gets 404. */
  async get(id: string, viewer: Principal) {
    const project = await this.dataSource.getRepository(ProcessingProject).findOneBy({ id });
    const allowed =
      project &&
      (viewer.isOperator ||
        viewer.roleIn(project.ownerOrganizationId) ||
        (project.processorOrganizationId && viewer.roleIn(project.processorOrganizationId)));
    if (!allowed) throw notFound('Processing project', id, '가공지원 과제를 찾을 수 없습니다.');
    return this.view(id);
  }

  private async view(id: string): Promise<ProcessingProjectView> {
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
    return projectView(project, {
      agreement,
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
