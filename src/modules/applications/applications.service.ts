import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { OrgResolvers } from '../../platform/auth/org-resolvers.js';
import { requestContext } from '../../platform/context/request-context.js';
import type { Principal } from '../../platform/auth/principal.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { flattenValidationErrors } from '../../platform/errors/validation.js';
import { AuditService } from '../audit/index.js';
import { ExcludedIndustriesService, Organization, Standing } from '../organizations/index.js';
import { applicationWindow, ProgramsService } from '../programs/index.js';
import type { Program } from '../programs/index.js';
import { ApplicationLifecycle } from './application-lifecycle.js';
import { OPEN_STATUSES } from './application-status.js';
import { ApplicationTransition } from './application-transition.entity.js';
import { Application } from './application.entity.js';
import { Agreement } from './agreement.entity.js';
import {
  type ApplicationDetailView,
  applicationDetailView,
  applicationView,
} from './dto/applications.views.js';
import type {
  ApplicationQueryDto,
  CreateApplicationDto,
  OrganizationApplicationQueryDto,
} from './dto/application.dto.js';
import { PLAN_CLASSES } from './dto/plans.dto.js';
import { checkEligibility, type EligibilityFailure } from './eligibility-rules.js';
import { Evaluation } from './evaluation.entity.js';

@Injectable()
export class ApplicationsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly programs: ProgramsService,
    private readonly standing: Standing,
    private readonly excluded: ExcludedIndustriesService,
    private readonly audit: AuditService,
    private readonly resolvers: OrgResolvers,
  ) {}

  onModuleInit(): void {
    this.resolvers.register('application', async (id) => {
      const row = await this.dataSource
        .getRepository(Application)
        .findOne({ where: { id }, select: { organizationId: true } });
      return row?.organizationId;
    });
  }

  /** Validates a plan against the fields its call's kind needs; every bad field is named `plan.<field>`. */
  private async validPlan(
    program: Program,
    plan: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const instance = plainToInstance(PLAN_CLASSES[program.kind], plan);
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) {
      const details = flattenValidationErrors(errors, 'plan');
      throw new DomainError(
        'VALIDATION_FAILED',
        `The business plan does not fit a ${program.kind} call: ${details.map((d) => d.problems.join(', ')).join('; ')}.`,
        { details },
      );
    }
    return { ...instance } as Record<string, unknown>;
  }

  async create(programId: string, dto: CreateApplicationDto) {
    const program = await this.programs.find(this.dataSource.manager, programId);
    if (applicationWindow(program, new Date()) === 'CLOSED')
      throw new DomainError(
        'WINDOW_CLOSED',
        `Applications to "${program.title}" closed at ${program.applicationClosesAt!.toISOString()}.`,
        {
          messageKo: `"${program.title}" 공고의 접수가 마감되었습니다.`,
        },
      );
    const plan = await this.validPlan(program, dto.plan);
    try {
      return await this.tx.run(async (m) => {
        const application = await m.save(
          m.create(Application, {
            programId,
            organizationId: dto.organizationId,
            status: 'DRAFT',
            plan,
            requestedGovernmentKrw:
              typeof plan.requestedGovernmentKrw === 'number'
                ? BigInt(plan.requestedGovernmentKrw)
                : null,
            createdBy: this.actorId(),
          }),
        );
        await m.insert(ApplicationTransition, {
          applicationId: application.id,
          fromStatus: null,
          toStatus: 'DRAFT',
          actorId: this.actorId(),
          reason: null,
        });
        await this.audit.record(m, {
          action: 'application.created',
          entityType: 'application',
          entityId: application.id,
          organizationId: dto.organizationId,
          details: { programId, kind: program.kind },
        });
        return applicationView(application);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'UQ_applications_open_per_program'))
        throw new DomainError(
          'CONFLICT',
          'This organization already has an open application to this call; continue that one.',
          {
            messageKo: '이 공고에 진행 중인 신청이 이미 있습니다.',
          },
        );
      throw err;
    }
  }

  async updatePlan(id: string, plan: Record<string, unknown>) {
    return this.tx.run(async (m) => {
      const application = await this.lifecycle.load(m, id, true);
      if (application.status !== 'DRAFT')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Only a draft can be edited; application ${id} is ${application.status}.`,
        );
      const program = await this.programs.find(m, application.programId);
      const valid = await this.validPlan(program, plan);
      application.plan = valid;
      application.requestedGovernmentKrw =
        typeof valid.requestedGovernmentKrw === 'number'
          ? BigInt(valid.requestedGovernmentKrw)
          : null;
      await m.save(application);
      await this.audit.record(m, {
        action: 'application.plan_updated',
        entityType: 'application',
        entityId: id,
        organizationId: application.organizationId,
      });
      return applicationView(await this.lifecycle.load(m, id));
    });
  }

  /** The screening facts of an organization for a call, and every failed rule. */
  async eligibility(
    m: EntityManager,
    organizationId: string,
    program: Program,
    excludeApplicationId?: string,
  ): Promise<EligibilityFailure[]> {
    const organization = await m.findOne(Organization, { where: { id: organizationId } });
    if (!organization) throw notFound('Organization', organizationId);
    const other = await m.findOne(Application, {
      where: {
        programId: program.id,
        organizationId,
        // A draft of its own does not stand in the way: submitting it is what the check is for.
        status: In(OPEN_STATUSES.filter((st) => st !== 'DRAFT')),
        ...(excludeApplicationId && { id: Not(excludeApplicationId) }),
      },
      select: { id: true },
    });
    return checkEligibility({
      organization,
      verification: await this.standing.latestVerification(m, organizationId),
      terms: program.terms,
      excludedIndustries: await this.excluded.matching(organization.industryCode),
      otherOpenApplicationId: other?.id ?? null,
    });
  }

  /** GET /organizations/:id/eligibility: the same check as submission, with no side effects. */
  async eligibilityFor(organizationId: string, programId: string) {
    const program = await this.programs.find(this.dataSource.manager, programId);
    const failures = await this.eligibility(this.dataSource.manager, organizationId, program);
    return { organizationId, programId, eligible: failures.length === 0, failures };
  }

  /**
   * Submits a draft: the window is checked, then screening runs. An ineligible application is
   * refused with every failed rule and stays a draft; an eligible one goes on to evaluation.
   */
  async submit(id: string) {
    const outcome = await this.tx.run(async (m) => {
      const application = await this.lifecycle.load(m, id, true);
      this.lifecycle.assertCanMove(application, 'SUBMITTED', 'submit');
      const program = await this.programs.find(m, application.programId);
      const window = applicationWindow(program, new Date());
      if (window !== 'OPEN')
        throw new DomainError(
          'WINDOW_CLOSED',
          window === 'NOT_YET_OPEN'
            ? `Applications to "${program.title}" open at ${program.applicationOpensAt.toISOString()}.`
            : `Applications to "${program.title}" closed at ${program.applicationClosesAt!.toISOString()}.`,
          {
            messageKo:
              window === 'NOT_YET_OPEN' ? '아직 접수 기간이 아닙니다.' : '접수가 마감되었습니다.',
          },
        );
      // Screening reads the organization's facts; lock its row so a verification cannot slip in between.
      await m.findOne(Organization, {
        where: { id: application.organizationId },
        lock: { mode: 'pessimistic_read' },
      });
      const failures = await this.eligibility(
        m,
        application.organizationId,
        program,
        application.id,
      );
      if (failures.length) return { failures };
      await m.update(Application, { id }, { submittedAt: new Date() });
      await this.lifecycle.move(m, application, 'SUBMITTED', null, 'submit');
      await this.lifecycle.move(m, application, 'SCREENING', null);
      await this.lifecycle.move(m, application, 'EVALUATION', 'passed screening');
      return { failures: [] };
    });
    if (outcome.failures.length)
      throw new DomainError(
        'NOT_ELIGIBLE',
        `The application was not submitted: ${outcome.failures.length} eligibility rule(s) failed: ${outcome.failures.map((f) => f.message).join(' ')}`,
        {
          messageKo: outcome.failures.map((f) => f.messageKo).join(' '),
          details: outcome.failures,
        },
      );
    return this.get(id);
  }

  async withdraw(id: string, reason: string | undefined) {
    await this.tx.run(async (m) => {
      const application = await this.lifecycle.load(m, id, true);
      await this.lifecycle.move(m, application, 'WITHDRAWN', reason ?? null, 'withdraw');
    });
    return this.get(id);
  }

  /** An application with its history, evaluations and agreement. Access is checked by the route. */
  async get(id: string, viewer?: Principal): Promise<ApplicationDetailView> {
    const m = this.dataSource.manager;
    const application = await this.lifecycle.load(m, id);
    if (viewer && !viewer.isOperator && !viewer.roleIn(application.organizationId)) {
      // An evaluator sees only applications of calls assigned to them, once they are in evaluation.
      const assigned = await this.programs.isEvaluatorOf(m, application.programId, viewer.id);
      if (!assigned || application.status === 'DRAFT')
        throw notFound('Application', id, '신청을 찾을 수 없습니다.');
    }
    const [history, evaluations, agreement] = [
      await this.lifecycle.history(m, id),
      await m.find(Evaluation, { where: { applicationId: id }, order: { submittedAt: 'ASC' } }),
      await m.findOne(Agreement, { where: { applicationId: id } }),
    ];
    const showEvaluations = !viewer || viewer.isOperator;
    return applicationDetailView(
      application,
      history,
      showEvaluations ? evaluations : evaluations.filter((e) => e.evaluatorId === viewer?.id),
      agreement,
    );
  }

  /** Operators see every application of a call; evaluators those in evaluation or decided, minus drafts. */
  async listForProgram(programId: string, query: ApplicationQueryDto, viewer: Principal) {
    const m = this.dataSource.manager;
    await this.programs.find(m, programId);
    if (!viewer.isOperator && !(await this.programs.isEvaluatorOf(m, programId, viewer.id)))
      throw new DomainError('NOT_ASSIGNED', `You are not an evaluator of program ${programId}.`);
    // Evaluators see the applications that reached evaluation, and what was decided on them.
    const visible = viewer.isOperator ? null : ['EVALUATION', 'SELECTED', 'REJECTED'];
    const qb = m
      .getRepository(Application)
      .createQueryBuilder('a')
      .where('a.programId = :programId', { programId });
    if (visible) qb.andWhere('a.status IN (:...visible)', { visible });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const [[items, total], counts] = await Promise.all([
      qb
        .orderBy('a.createdAt', 'ASC')
        .addOrderBy('a.id', 'ASC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getManyAndCount(),
      m.query(
        `SELECT status, count(*)::int AS n FROM applications
          WHERE program_id = $1 AND ($2::text[] IS NULL OR status = ANY($2)) GROUP BY status`,
        [programId, visible],
      ) as Promise<{ status: string; n: number }[]>,
    ]);
    const names = new Map<string, string>(
      items.length === 0
        ? []
        : (
            (await m.query(`SELECT id, name FROM organizations WHERE id = ANY($1)`, [
              items.map((a) => a.organizationId),
            ])) as { id: string; name: string }[]
          ).map((o) => [o.id, o.name]),
    );
    return {
      items: items.map((a) => ({
        ...applicationView(a),
        organizationName: names.get(a.organizationId) ?? '',
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
      statusCounts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    };
  }

  /** An organization's own applications. */
  async listForOrganization(organizationId: string, query: OrganizationApplicationQueryDto) {
    const m = this.dataSource.manager;
    const [items, total] = await m.getRepository(Application).findAndCount({
      where: {
        organizationId,
        ...(query.status && { status: query.status }),
        ...(query.programId && { programId: query.programId }),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const titles = await this.programs.titles(m, [...new Set(items.map((a) => a.programId))]);
    return {
      items: items.map((a) => ({
        ...applicationView(a),
        programTitle: titles.get(a.programId) ?? '',
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private actorId(): string {
    const id = requestContext.current()?.userId;
    if (!id) throw new Error('no signed-in user in this request');
    return id;
  }
}
