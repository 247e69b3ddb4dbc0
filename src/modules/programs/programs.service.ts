import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLike } from '../../platform/database/like.js';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AccountsService } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { LedgerService, type Posting } from '../ledger/index.js';
import { won } from '../../platform/money/won.js';
import type {
  AssignEvaluatorDto,
  CreateProgramDto,
  MoneyTermsDto,
  ProgramQueryDto,
  UpdateProgramDto,
} from './dto/program.dto.js';
import { ProgramEvaluator } from './program-evaluator.entity.js';
import { CALLS_2024 } from './calls-2024.js';
import { defaultTerms, type ProgramTerms, termsProblems } from './program-terms.js';
import { type PageQuery, pagedQuery } from '../../platform/http/pagination.js';
import { programView } from './dto/programs.views.js';
import { Program } from './program.entity.js';

/** The kind's defaults with the operator's overrides; fields left out keep the default. */
function mergeTerms(defaults: ProgramTerms, overrides: UpdateProgramDto['terms']): ProgramTerms {
  const given = Object.fromEntries(
    Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined),
  );
  const money = (m: MoneyTermsDto | undefined) =>
    m && { ...m, maxGovernmentKrw: m.maxGovernmentKrw ?? null };
  return {
    ...defaults,
    ...given,
    ...(given.money && { money: money(overrides!.money) }),
    ...(given.nonprofitMoney && { nonprofitMoney: money(overrides!.nonprofitMoney) }),
  } as ProgramTerms;
}

@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly ledger: LedgerService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
  ) {}

  /** Opens a call; its budget is granted to it in the ledger in the same transaction. */
  async create(dto: CreateProgramDto, actor: Principal | null) {
    const terms = mergeTerms(defaultTerms(dto.kind), dto.terms);
    const problems = [...termsProblems(dto.kind, terms), ...this.windowProblems(dto)];
    const isPool = dto.kind === 'PROCESSOR_POOL';
    if (!isPool && dto.budgetKrw === undefined)
      problems.push('budgetKrw is required for a support call');
    if (isPool && dto.budgetKrw !== undefined)
      problems.push('the processor pool has no budget: leave budgetKrw out');
    if (problems.length)
      throw new DomainError(
        'VALIDATION_FAILED',
        `The call cannot be opened: ${problems.join('; ')}.`,
        {
          details: problems.map((p) => ({ field: 'program', problems: [p] })),
        },
      );
    const opensAt = new Date(dto.applicationOpensAt);
    try {
      return await this.tx.run(async (m) => {
        const program = await m.save(
          m.create(Program, {
            slug: dto.slug ?? null,
            kind: dto.kind,
            year: Number(
              new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Seoul' }).format(
                opensAt,
              ),
            ),
            title: dto.title,
            description: dto.description ?? '',
            announcedAt: dto.announcedAt ? new Date(dto.announcedAt) : new Date(),
            applicationOpensAt: opensAt,
            applicationClosesAt: dto.applicationClosesAt ? new Date(dto.applicationClosesAt) : null,
            evaluationStartsOn: dto.evaluationStartsOn ?? null,
            evaluationEndsOn: dto.evaluationEndsOn ?? null,
            selectionOn: dto.selectionOn ?? null,
            budgetKrw: dto.budgetKrw === undefined ? null : BigInt(dto.budgetKrw),
            targetCount: dto.targetCount ?? null,
            terms,
            createdBy: actor?.id ?? null,
          }),
        );
        if (program.budgetKrw)
          await this.ledger.transfer(
            m,
            {
              kind: 'BUDGET_GRANTED',
              referenceType: 'program',
              referenceId: program.id,
              memo: program.title,
            },
            { account: 'GOVERNMENT_FUNDING', programId: program.id },
            { account: 'PROGRAM_AVAILABLE', programId: program.id },
            program.budgetKrw,
          );
        await this.audit.record(m, {
          action: 'program.opened',
          entityType: 'program',
          entityId: program.id,
          actorId: actor?.id ?? null,
          details: {
            kind: program.kind,
            title: program.title,
            budgetKrw: program.budgetKrw,
          },
        });
        return programView(program);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError('CONFLICT', `A call with slug ${dto.slug} exists already.`);
      throw err;
    }
  }

  /**
   * Changes a call. Its terms and opening time are fixed once it opens; its budget grows or
   * shrinks in the ledger (never below what agreements hold), under the call's row lock, which
   * agreements take too.
   */
  async update(id: string, dto: UpdateProgramDto, actor: Principal) {
    return this.tx.run(async (m) => {
      const program = await this.find(m, id, true);
      const opened = program.applicationOpensAt <= new Date();
      const problems: { en: string; ko: string }[] = [];
      if (opened && (dto.terms !== undefined || dto.applicationOpensAt !== undefined))
        problems.push({
          en: 'the terms and the opening time cannot change once the call has opened: applicants apply on them',
          ko: '접수가 시작된 공고는 지원 조건과 접수 시작일을 바꿀 수 없습니다(신청자는 공고된 조건으로 신청했습니다)',
        });
      const terms = dto.terms ? mergeTerms(program.terms, dto.terms) : program.terms;
      const merged = {
        applicationOpensAt: dto.applicationOpensAt ?? program.applicationOpensAt.toISOString(),
        applicationClosesAt:
          dto.applicationClosesAt === undefined
            ? (program.applicationClosesAt?.toISOString() ?? null)
            : dto.applicationClosesAt,
        // Checked only when the opening moves: a call opened at once is announced as it opens.
        announcedAt: dto.applicationOpensAt && program.announcedAt.toISOString(),
        evaluationStartsOn: dto.evaluationStartsOn ?? program.evaluationStartsOn ?? undefined,
        evaluationEndsOn: dto.evaluationEndsOn ?? program.evaluationEndsOn ?? undefined,
        selectionOn: dto.selectionOn ?? program.selectionOn ?? undefined,
      };
      for (const p of [
        ...termsProblems(program.kind, terms),
        ...this.windowProblems({ ...merged, kind: program.kind, title: program.title }),
      ])
        problems.push({ en: p, ko: p });
      const isPool = program.kind === 'PROCESSOR_POOL';
      if (isPool && dto.budgetKrw !== undefined)
        problems.push({
          en: 'the processor pool has no budget',
          ko: '가공기업 Pool 공고에는 예산이 없습니다',
        });
      const budget = dto.budgetKrw === undefined || isPool ? null : BigInt(dto.budgetKrw);
      const change = budget === null ? 0n : budget - (program.budgetKrw ?? 0n);
      if (change < 0n) {
        const { availableKrw } = await this.ledger.programBalances(m, program.id);
        if (-change > availableKrw)
          problems.push({
            en: `the budget can shrink by at most what is left (${won(availableKrw)}): the rest is held by agreements`,
            ko: `예산은 잔액(${availableKrw.toLocaleString('ko-KR')}원)까지만 줄일 수 있습니다. 나머지는 협약에 묶여 있습니다`,
          });
      }
      if (problems.length)
        throw new DomainError(
          'VALIDATION_FAILED',
          `The call cannot be changed: ${problems.map((p) => p.en).join('; ')}.`,
          {
            messageKo: `공고를 바꿀 수 없습니다: ${problems.map((p) => p.ko).join('; ')}.`,
            details: problems.map((p) => ({ field: 'program', problems: [p.en] })),
          },
        );
      const before = programView(program);
      Object.assign(program, {
        ...(dto.title !== undefined && { title: dto.title }),
        ...(dto.description !== undefined && { description: dto.description }),
        ...(dto.applicationOpensAt !== undefined && {
          applicationOpensAt: new Date(dto.applicationOpensAt),
        }),
        ...(dto.applicationClosesAt !== undefined && {
          applicationClosesAt: dto.applicationClosesAt ? new Date(dto.applicationClosesAt) : null,
        }),
        ...(dto.evaluationStartsOn !== undefined && { evaluationStartsOn: dto.evaluationStartsOn }),
        ...(dto.evaluationEndsOn !== undefined && { evaluationEndsOn: dto.evaluationEndsOn }),
        ...(dto.selectionOn !== undefined && { selectionOn: dto.selectionOn }),
        ...(dto.targetCount !== undefined && { targetCount: dto.targetCount }),
        ...(budget !== null && { budgetKrw: budget }),
        terms,
      });
      await m.save(program);
      if (change !== 0n)
        await this.ledger.transfer(
          m,
          {
            kind: change > 0n ? 'BUDGET_GRANTED' : 'BUDGET_REDUCED',
            referenceType: 'program',
            referenceId: program.id,
            memo: program.title,
          },
          ...((change > 0n
            ? [
                { account: 'GOVERNMENT_FUNDING', programId: program.id },
                { account: 'PROGRAM_AVAILABLE', programId: program.id },
              ]
            : [
                { account: 'PROGRAM_AVAILABLE', programId: program.id },
                { account: 'GOVERNMENT_FUNDING', programId: program.id },
              ]) as [Posting, Posting]),
          change > 0n ? change : -change,
        );
      const after = programView(program);
      const changed = Object.fromEntries(
        Object.entries(after).filter(
          ([k, v]) =>
            JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before]) &&
            k !== 'updatedAt',
        ),
      );
      await this.audit.record(m, {
        action: 'program.updated',
        entityType: 'program',
        entityId: program.id,
        actorId: actor.id,
        details: {
          changed: Object.keys(changed),
          ...(change !== 0n && { budgetChangeKrw: change }),
        },
      });
      return after;
    });
  }

  private windowProblems(dto: CreateProgramDto): string[] {
    const problems: string[] = [];
    const opens = new Date(dto.applicationOpensAt);
    if (dto.applicationClosesAt && new Date(dto.applicationClosesAt) <= opens)
      problems.push('applicationClosesAt must be after applicationOpensAt');
    if (dto.announcedAt && new Date(dto.announcedAt) > opens)
      problems.push('announcedAt must not be after applicationOpensAt');
    if (
      dto.evaluationStartsOn &&
      dto.evaluationEndsOn &&
      dto.evaluationEndsOn < dto.evaluationStartsOn
    )
      problems.push('evaluationEndsOn must not be before evaluationStartsOn');
    if (dto.selectionOn && dto.evaluationStartsOn && dto.selectionOn < dto.evaluationStartsOn)
      problems.push('selectionOn must not be before evaluationStartsOn');
    return problems;
  }

  async list(query: ProgramQueryDto) {
    const qb = this.dataSource.getRepository(Program).createQueryBuilder('p');
    if (query.kind) qb.andWhere('p.kind = :kind', { kind: query.kind });
    if (query.year) qb.andWhere('p.year = :year', { year: query.year });
    if (query.q) qb.andWhere('p.title ILIKE :q', { q: `%${escapeLike(query.q)}%` });
    if (query.open !== undefined) {
      const open =
        'p.applicationOpensAt <= now() AND (p.applicationClosesAt IS NULL OR p.applicationClosesAt > now())';
      qb.andWhere(query.open ? open : `NOT (${open})`);
    }
    const [programs, total] = await qb
      .orderBy('p.applicationOpensAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: programs.map((p) => programView(p)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(id: string) {
    return programView(await this.find(this.dataSource.manager, id));
  }

  async find(m: EntityManager, id: string, lock = false): Promise<Program> {
    const program = await m.findOne(Program, {
      where: { id },
      ...(lock && { lock: { mode: 'pessimistic_write' } }),
    });
    if (!program) throw notFound('Program', id, '공고를 찾을 수 없습니다.');
    return program;
  }

  /** The call's budget as the ledger has it. */
  async budget(id: string) {
    const program = await this.find(this.dataSource.manager, id);
    const balances = await this.ledger.programBalances(this.dataSource.manager, id);
    return { programId: program.id, ...balances };
  }

  async assignEvaluator(programId: string, dto: AssignEvaluatorDto, actor: Principal) {
    const user = await this.accounts.findById(dto.userId);
    if (!user) throw notFound('User', dto.userId);
    if (!user.platformRoles.some((r) => r === 'evaluator' || r === 'operator'))
      throw new DomainError(
        'CONFLICT',
        `${user.email} does not hold the evaluator role; grant it first with PUT /users/${user.id}/platform-roles.`,
      );
    return this.tx.run(async (m) => {
      await this.find(m, programId);
      const existing = await m.findOne(ProgramEvaluator, { where: { programId, userId: user.id } });
      if (existing) return existing;
      const assigned = await m.save(
        m.create(ProgramEvaluator, { programId, userId: user.id, assignedBy: actor.id }),
      );
      await this.audit.record(m, {
        action: 'program.evaluator_assigned',
        entityType: 'program',
        entityId: programId,
        details: { userId: user.id, email: user.email },
      });
      return assigned;
    });
  }

  async evaluators(programId: string, query: PageQuery) {
    await this.find(this.dataSource.manager, programId);
    return pagedQuery(
      this.dataSource,
      `SELECT e.user_id AS "userId", u.email, u.name, e.assigned_at AS "assignedAt"
         FROM program_evaluators e JOIN users u ON u.id = e.user_id WHERE e.program_id = $1`,
      [programId],
      '"assignedAt", "userId"',
      query,
    );
  }

  async removeEvaluator(programId: string, userId: string) {
    await this.tx.run(async (m) => {
      const result = await m.delete(ProgramEvaluator, { programId, userId });
      if (!result.affected) throw notFound('Evaluator', userId);
      await this.audit.record(m, {
        action: 'program.evaluator_removed',
        entityType: 'program',
        entityId: programId,
        details: { userId },
      });
    });
  }

  /** Loads the 2024 announcement's calls; those already there (by slug) are left alone. */
  async seed2024(): Promise<{ created: string[]; present: string[] }> {
    const created: string[] = [];
    const present: string[] = [];
    for (const call of CALLS_2024) {
      const exists = await this.dataSource
        .getRepository(Program)
        .exists({ where: { slug: call.slug } });
      if (exists) {
        present.push(call.slug!);
        continue;
      }
      try {
        await this.create(call, null);
        created.push(call.slug!);
      } catch (err) {
        if (!(err instanceof DomainError && err.code === 'CONFLICT')) throw err;
        present.push(call.slug!); // another seeding run got there first
      }
    }
    return { created, present };
  }

  /** The titles of the given calls, by id (for lists that name each item's call). */
  async titles(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await m.find(Program, {
      select: { id: true, title: true },
      where: { id: In(ids) },
    });
    return new Map(rows.map((p) => [p.id, p.title]));
  }

  isEvaluatorOf(m: EntityManager, programId: string, userId: string): Promise<boolean> {
    return m.exists(ProgramEvaluator, { where: { programId, userId } });
  }
}
