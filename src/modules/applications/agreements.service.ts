import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import { LedgerService } from '../ledger/index.js';
import { Organization, RelatedParties, Standing } from '../organizations/index.js';
import { moneyTermsFor, ProgramsService } from '../programs/index.js';
import { ApplicationLifecycle } from './application-lifecycle.js';
import { agreementViolations } from './agreement-rules.js';
import { AgreementSeams } from './agreement-seams.js';
import { agreementView } from './dto/applications.views.js';
import { Agreement } from './agreement.entity.js';
import type { AgreementDto } from './dto/application.dto.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { krw, won } from '../../platform/money/won.js';

/** Agreements (협약): fixing the money and committing, then releasing, the call's budget. */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly programs: ProgramsService,
    private readonly standing: Standing,
    private readonly ledger: LedgerService,
    private readonly seams: AgreementSeams,
    private readonly audit: AuditService,
    private readonly related: RelatedParties,
  ) {}

  /**
   * Signs the agreement of a selected application and commits its government share. The call's
   * row is locked first, so agreements racing for the last won of a budget run one at a time.
   */
  async sign(applicationId: string, dto: AgreementDto, operator: Principal) {
    const money = {
      totalCostKrw: BigInt(dto.totalCostKrw),
      governmentKrw: BigInt(dto.governmentKrw),
      ownKrw: BigInt(dto.ownKrw),
      ownCashKrw: BigInt(dto.ownCashKrw),
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
    };
    try {
      return await this.tx.run(async (m) => {
        const unlocked = await this.lifecycle.load(m, applicationId);
        const program = await this.programs.find(m, unlocked.programId, true);
        const application = await this.lifecycle.load(m, applicationId, true);
        if (program.kind === 'PROCESSOR_POOL')
          throw new DomainError(
            'NOT_APPLICABLE',
            'Pool membership has no agreement or money; it starts when the application is selected.',
          );
        this.lifecycle.assertCanMove(application, 'AGREEMENT', 'sign an agreement');
        const organization = await m.findOneByOrFail(Organization, {
          id: application.organizationId,
        });
        await this.related.assertNoStaffConflict(m, operator.id, [organization.id], 'agreement');
        await this.standing.assertInGoodStanding(m, organization.id, {
          en: 'sign an agreement',
          ko: '협약을 체결할',
        });
        // The rate and cap follow the category an operator confirmed, never the declared one.
        const category = await this.standing.confirmedCategory(m, organization.id);
        if (!program.terms.eligibleCategories.includes(category))
          throw new DomainError(
            'NOT_ELIGIBLE',
            `The operator confirmed ${organization.name} as ${category}; this call is for ${program.terms.eligibleCategories.join(', ')}.`,
            { details: { confirmedCategory: category } },
          );
        const terms = moneyTermsFor(program.terms, category);
        const violations = agreementViolations(
          money,
          terms!,
          program.terms.maxMonths,
          seoulToday(),
        );
        if (violations.length)
          throw new DomainError(
            'AGREEMENT_TERMS_VIOLATED',
            `The agreement breaks the call's terms: ${violations.map((v) => v.message).join(' ')}`,
            {
              messageKo: `협약이 공고의 조건에 맞지 않습니다: ${violations.map((v) => v.messageKo).join(' ')}`,
              details: violations,
            },
          );
        const { availableKrw } = await this.ledger.programBalances(m, program.id);
        if (money.governmentKrw > availableKrw)
          throw new DomainError(
            'BUDGET_EXCEEDED',
            `"${program.title}" has ${won(availableKrw)} of its budget left; this agreement needs ${won(money.governmentKrw)}.`,
            {
              messageKo: `사업 예산 잔액은 ${availableKrw.toLocaleString('ko-KR')}원이며, 이 협약에는 ${money.governmentKrw.toLocaleString('ko-KR')}원이 필요합니다.`,
              details: { availableKrw, requiredKrw: money.governmentKrw },
            },
          );
        const agreement = await m.save(
          m.create(Agreement, {
            ...money,
            applicationId,
            programId: program.id,
            organizationId: organization.id,
            status: 'ACTIVE',
            signedBy: operator.id,
          }),
        );
        await this.ledger.transfer(
          m,
          { kind: 'BUDGET_COMMITTED', referenceType: 'agreement', referenceId: agreement.id },
          { account: 'PROGRAM_AVAILABLE', programId: program.id },
          { account: 'PROGRAM_COMMITTED', programId: program.id, organizationId: organization.id },
          money.governmentKrw,
        );
        await this.lifecycle.move(
          m,
          application,
          'AGREEMENT',
          'agreement signed',
          'sign an agreement',
        );
        const attachment = await this.seams.runSigned(m, agreement, program);
        await this.audit.record(m, {
          action: 'agreement.signed',
          entityType: 'agreement',
          entityId: agreement.id,
          organizationId: organization.id,
          details: { applicationId, ...dto, ...attachment },
        });
        return {
          ...agreementView(agreement),
          agreementId: agreement.id,
          voucherId: attachment.voucherId ?? null,
          processingProjectId: attachment.processingProjectId ?? null,
        };
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError('CONFLICT', `Application ${applicationId} has an agreement already.`);
      throw err;
    }
  }

  /** Completes or cancels the agreement of an application; what is committed and unspent goes back to the budget. */
  async close(
    applicationId: string,
    outcome: 'COMPLETED' | 'CANCELLED',
    reason: string,
    operator?: Principal,
  ) {
    return this.tx.run(async (m) => {
      const unlocked = await this.lifecycle.load(m, applicationId);
      if (operator)
        await this.related.assertNoStaffConflict(
          m,
          operator.id,
          [unlocked.organizationId],
          'agreement',
        );
      const program = await this.programs.find(m, unlocked.programId, true);
      const application = await this.lifecycle.load(m, applicationId, true);
      const agreement = await m.findOne(Agreement, {
        where: { applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!agreement)
        throw notFound('Agreement of application', applicationId, '협약을 찾을 수 없습니다.');
      this.lifecycle.assertCanMove(
        application,
        outcome,
        outcome === 'COMPLETED' ? 'complete' : 'cancel',
      );
      // What goes back is measured on the budget itself: the agreement's own commitment and, for
      // purchase support, what its voucher did not spend (released by the voucher's closing).
      const before = (await this.ledger.programBalances(m, program.id)).availableKrw;
      const unspent = await this.ledger.committedFor(m, agreement.id);
      if (unspent > 0n)
        await this.ledger.transfer(
          m,
          {
            kind: 'BUDGET_RELEASED',
            referenceType: 'agreement',
            referenceId: agreement.id,
            memo: reason,
          },
          {
            account: 'PROGRAM_COMMITTED',
            programId: program.id,
            organizationId: agreement.organizationId,
          },
          { account: 'PROGRAM_AVAILABLE', programId: program.id },
          unspent,
        );
      const closedAt = new Date();
      await m.update(
        Agreement,
        { id: agreement.id },
        { status: outcome, closedAt, closeReason: reason },
      );
      await this.seams.runClosed(m, agreement, program, outcome);
      await this.lifecycle.move(m, application, outcome, reason);
      const released = (await this.ledger.programBalances(m, program.id)).availableKrw - before;
      await this.audit.record(m, {
        action: outcome === 'COMPLETED' ? 'agreement.completed' : 'agreement.cancelled',
        entityType: 'agreement',
        entityId: agreement.id,
        organizationId: agreement.organizationId,
        details: { reason, releasedKrw: released },
      });
      return {
        ...agreementView({
          ...agreement,
          status: outcome,
          closedAt: new Date(),
          closeReason: reason,
        }),
        releasedKrw: krw(released),
      };
    });
  }
}
