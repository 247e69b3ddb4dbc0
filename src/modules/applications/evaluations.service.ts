import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import { Organization, describeLinks, RelatedParties } from '../organizations/index.js';
import { ProcessorsService } from '../processors/index.js';
import type { Program } from '../programs/index.js';
import { ProgramsService } from '../programs/index.js';
import { ApplicationLifecycle } from './application-lifecycle.js';
import { Application } from './application.entity.js';
import type { BulkDecisionDto, DecisionDto, EvaluationDto } from './dto/application.dto.js';
import { readSheet } from './evaluation-rules.js';
import { Evaluation } from './evaluation.entity.js';
import { applicationView, evaluationView } from './dto/applications.views.js';

interface Standing {
  evaluations: number;
  averageScore: number | null;
  passedAll: boolean | null;
}

/** Evaluation, ranking and selection. */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly programs: ProgramsService,
    private readonly processors: ProcessorsService,
    private readonly audit: AuditService,
    private readonly related: RelatedParties,
  ) {}

  async evaluate(applicationId: string, dto: EvaluationDto, evaluator: Principal) {
    return this.tx.run(async (m) => {
      const application = await this.lifecycle.load(m, applicationId, true);
      const program = await this.programs.find(m, application.programId);
      if (
        !evaluator.isOperator &&
        !(await this.programs.isEvaluatorOf(m, program.id, evaluator.id))
      )
        throw new DomainError(
          'NOT_ASSIGNED',
          `You are not an evaluator of "${program.title}"; an operator assigns evaluators.`,
        );
      if (application.status !== 'EVALUATION')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Application ${applicationId} is ${application.status}; only applications in EVALUATION are evaluated.`,
          {
            details: { status: application.status },
          },
        );
      await this.assertNoConflict(m, application, evaluator);
      const { sheet, problems } = readSheet(program.terms, dto);
      if (!sheet)
        throw new DomainError(
          'VALIDATION_FAILED',
          `The evaluation does not fit this call: ${problems.join('; ')}.`,
          {
            details: problems.map((p) => ({ field: 'evaluation', problems: [p] })),
          },
        );
      const values = {
        applicationId,
        evaluatorId: evaluator.id,
        score: sheet.kind === 'scored' ? sheet.score : null,
        scores: sheet.kind === 'scored' ? sheet.scores : null,
        passed: sheet.kind === 'checklist' ? sheet.passed : null,
        checklist: sheet.kind === 'checklist' ? sheet.checklist : null,
        comment: dto.comment ?? null,
      };
      await m.upsert(Evaluation, values, ['applicationId', 'evaluatorId']);
      await this.audit.record(m, {
        action: 'application.evaluated',
        entityType: 'application',
        entityId: applicationId,
        organizationId: application.organizationId,
        details: { score: values.score, passed: values.passed },
      });
      return evaluationView(
        await m.findOneByOrFail(Evaluation, { applicationId, evaluatorId: evaluator.id }),
      );
    });
  }

  /**
   * An evaluator may not judge an organization they are or were a member of, nor one related to
   * such an organization (the related-party rule).
   */
  private async assertNoConflict(m: EntityManager, application: Application, evaluator: Principal) {
    const conflict = await this.conflictOf(m, application.organizationId, evaluator.id);
    if (conflict)
      throw new DomainError('CONFLICT_OF_INTEREST', conflict.message, {
        messageKo: conflict.messageKo,
        details: conflict.details,
      });
  }

  /** Why this evaluator may not score this applicant, or null when nothing stands in the way. */
  private async conflictOf(m: EntityManager, applicantId: string, evaluatorId: string) {
    const applicant = await m.findOneByOrFail(Organization, { id: applicantId });
    const [conflict] = await this.related.personLinks(m, evaluatorId, applicant);
    if (!conflict) return null;
    const words = describeLinks(conflict.links);
    return {
      message: `You are or were a member of ${conflict.name}, which is ${conflict.organizationId === applicantId ? 'the applicant' : `related to the applicant (${words.en})`}; another evaluator must score this application.`,
      messageKo: `평가위원이 소속된(소속되었던) 기관(${conflict.name})이 신청 기관과 이해관계가 있어 평가할 수 없습니다 (${words.ko}).`,
      details: {
        organizationId: conflict.organizationId,
        links: conflict.links.map((l) => ({ kind: l.kind, detail: l.detail })),
      },
    };
  }

  /**
   * The call's applications (submitted or later) that a person could not score: flagged before
   * the operator assigns them, by the same rule that refuses their score sheet.
   */
  async conflictsFor(programId: string, userId: string) {
    const m = this.dataSource.manager;
    const rows: { applicationId: string; organizationId: string; organizationName: string }[] =
      await m.query(
        `SELECT a.id AS "applicationId", o.id AS "organizationId", o.name AS "organizationName"
           FROM applications a JOIN organizations o ON o.id = a.organization_id
          WHERE a.program_id = $1 AND a.status NOT IN ('DRAFT', 'WITHDRAWN')
          ORDER BY a.submitted_at, a.id`,
        [programId],
      );
    const items = [];
    for (const r of rows) {
      const conflict = await this.conflictOf(m, r.organizationId, userId);
      if (conflict)
        items.push({
          applicationId: r.applicationId,
          organizationName: r.organizationName,
          message: conflict.message,
          messageKo: conflict.messageKo,
        });
    }
    return { items };
  }

  /**
   * Every application an evaluator is to score, over the calls they are assigned to: those in
   * evaluation and those already decided, with the evaluator's own sheet's time and any conflict
   * of interest that keeps them from scoring (shown, not hidden).
   */
  async assignments(evaluator: Principal) {
    const m = this.dataSource.manager;
    const rows: {
      applicationId: string;
      programId: string;
      programTitle: string;
      programKind: string;
      organizationId: string;
      organizationName: string;
      status: string;
      submittedAt: Date | null;
      evaluatedAt: Date | null;
    }[] = await m.query(
      `SELECT a.id AS "applicationId", p.id AS "programId", p.title AS "programTitle",
              p.kind AS "programKind", o.id AS "organizationId", o.name AS "organizationName",
              a.status, a.submitted_at AS "submittedAt", e.submitted_at AS "evaluatedAt"
         FROM program_evaluators pe
         JOIN programs p ON p.id = pe.program_id
         JOIN applications a ON a.program_id = p.id AND a.status IN ('EVALUATION', 'SELECTED', 'REJECTED')
         JOIN organizations o ON o.id = a.organization_id
         LEFT JOIN evaluations e ON e.application_id = a.id AND e.evaluator_id = pe.user_id
        WHERE pe.user_id = $1
        ORDER BY p.created_at DESC, a.submitted_at, a.id`,
      [evaluator.id],
    );
    const items = [];
    for (const r of rows) {
      const conflict = await this.conflictOf(m, r.organizationId, evaluator.id);
      items.push({
        ...r,
        conflict: conflict && { message: conflict.message, messageKo: conflict.messageKo },
      });
    }
    return { items };
  }

  private async standings(
    m: EntityManager,
    applicationIds: string[],
  ): Promise<Map<string, Standing>> {
    if (!applicationIds.length) return new Map();
    const rows: {
      applicationId: string;
      n: number;
      avg: string | null;
      passedAll: boolean | null;
    }[] = await m.query(
      `SELECT application_id AS "applicationId", count(*)::int AS n, avg(score)::text AS avg,
              CASE WHEN bool_and(passed IS NOT NULL) THEN bool_and(passed) END AS "passedAll"
         FROM evaluations WHERE application_id = ANY($1) GROUP BY application_id`,
      [applicationIds],
    );
    return new Map(
      rows.map((r) => [
        r.applicationId,
        {
          evaluations: r.n,
          averageScore: r.avg === null ? null : Math.round(Number(r.avg) * 100) / 100,
          passedAll: r.passedAll,
        },
      ]),
    );
  }

  /** Applications in evaluation or decided, best first, with their standing. */
  async ranking(programId: string) {
    const program = await this.programs.find(this.dataSource.manager, programId);
    const rows: (Application & { organizationName: string })[] = await this.dataSource
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Organization, 'o', 'o.id = a.organizationId')
      .addSelect('o.name', 'organizationName')
      .where('a.programId = :programId', { programId })
      .andWhere(
        `a.status IN ('EVALUATION', 'SELECTED', 'REJECTED', 'AGREEMENT', 'IN_PROGRESS', 'COMPLETED')`,
      )
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((e, i) => ({ ...e, organizationName: raw[i].organizationName })),
      );
    const standings = await this.standings(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    const items = rows
      .map((a) => ({
        applicationId: a.id,
        organizationId: a.organizationId,
        organizationName: a.organizationName,
        status: a.status,
        requestedGovernmentKrw: a.requestedGovernmentKrw,
        ...(standings.get(a.id) ?? { evaluations: 0, averageScore: null, passedAll: null }),
      }))
      .sort((x, y) =>
        program.terms.selection === 'ABSOLUTE'
          ? Number(y.passedAll ?? false) - Number(x.passedAll ?? false) ||
            x.organizationName.localeCompare(y.organizationName)
          : (y.averageScore ?? -1) - (x.averageScore ?? -1),
      )
      .map((item, i) => ({ rank: i + 1, ...item }));
    const selected = items.filter((i) =>
      ['SELECTED', 'AGREEMENT', 'IN_PROGRESS', 'COMPLETED'].includes(i.status),
    ).length;
    return {
      programId,
      selection: program.terms.selection,
      targetCount: program.targetCount,
      passScore: program.terms.passScore,
      selected,
      items,
    };
  }

  async decide(applicationId: string, dto: DecisionDto, operator: Principal) {
    await this.tx.run((m) => this.decideIn(m, applicationId, dto, operator));
    return applicationView(await this.lifecycle.load(this.dataSource.manager, applicationId));
  }

  /** Several decisions at once: all of them or none. */
  async decideMany(programId: string, dto: BulkDecisionDto, operator: Principal) {
    const ids = dto.decisions.map((d) => d.applicationId);
    if (new Set(ids).size !== ids.length)
      throw new DomainError(
        'VALIDATION_FAILED',
        'Each application may appear once in a bulk decision.',
      );
    await this.tx.run(async (m) => {
      // Lock in a fixed order so two bulk decisions cannot deadlock.
      for (const d of [...dto.decisions].sort((a, b) =>
        a.applicationId.localeCompare(b.applicationId),
      )) {
        const application = await this.lifecycle.load(m, d.applicationId, true);
        if (application.programId !== programId)
          throw new DomainError(
            'VALIDATION_FAILED',
            `Application ${d.applicationId} belongs to another call.`,
          );
        await this.decideIn(m, d.applicationId, d, operator);
      }
    });
    return this.ranking(programId);
  }

  /** Pool calls: selects every application in evaluation that passed every checklist item. */
  async selectPassingPool(programId: string, operator: Principal) {
    const program = await this.programs.find(this.dataSource.manager, programId);
    if (program.terms.selection !== 'ABSOLUTE')
      throw new DomainError(
        'NOT_APPLICABLE',
        'Only absolute (pass/fail) calls select everyone who passes; decide scored calls one by one.',
      );
    const selected: string[] = [];
    await this.tx.run(async (m) => {
      const candidates = await m.find(Application, {
        where: { programId, status: 'EVALUATION' },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const standings = await this.standings(
        m,
        candidates.map((c) => c.id),
      );
      for (const c of candidates)
        if (standings.get(c.id)?.passedAll) {
          await this.decideIn(
            m,
            c.id,
            { decision: 'selected', reason: 'passed every requirement (absolute evaluation)' },
            operator,
          );
          selected.push(c.id);
        }
    });
    return { programId, selected };
  }

  private async decideIn(
    m: EntityManager,
    applicationId: string,
    dto: DecisionDto,
    operator: Principal,
  ) {
    const application = await this.lifecycle.load(m, applicationId, true);
    await this.related.assertNoStaffConflict(
      m,
      operator.id,
      [application.organizationId],
      'decide',
    );
    const to = dto.decision === 'selected' ? 'SELECTED' : 'REJECTED';
    this.lifecycle.assertCanMove(application, to, `decide ${dto.decision}`);
    const program = await this.programs.find(m, application.programId);
    if (to === 'SELECTED')
      this.assertSelectable(
        program,
        application,
        (await this.standings(m, [applicationId])).get(applicationId),
      );
    await m.update(
      Application,
      { id: applicationId },
      { decidedAt: new Date(), decisionReason: dto.reason },
    );
    await this.lifecycle.move(m, application, to, dto.reason, `decide ${dto.decision}`);
    if (to === 'SELECTED' && program.kind === 'PROCESSOR_POOL')
      await this.processors.register(m, {
        applicationId,
        organizationId: application.organizationId,
        programId: program.id,
        year: program.year,
        plan: application.plan as never,
      });
  }

  private assertSelectable(
    program: Program,
    application: Application,
    standing: Standing | undefined,
  ) {
    if (!standing?.evaluations)
      throw new DomainError(
        'INVALID_TRANSITION',
        `Application ${application.id} has no evaluation yet; it cannot be selected.`,
      );
    if (program.terms.selection === 'ABSOLUTE' && !standing.passedAll)
      throw new DomainError(
        'NOT_ELIGIBLE',
        `Application ${application.id} did not pass every requirement of the pool; it cannot be selected.`,
      );
    const pass = program.terms.passScore;
    if (
      program.terms.selection === 'COMPETITIVE' &&
      pass !== null &&
      (standing.averageScore ?? 0) < pass
    )
      throw new DomainError(
        'NOT_ELIGIBLE',
        `Application ${application.id} averages ${standing.averageScore} points, under the call's pass score of ${pass}.`,
      );
  }
}
