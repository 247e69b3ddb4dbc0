import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import type { VerificationDto } from './dto/organization.dto.js';
import { Organization, type OrganizationCategory } from './organization.entity.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { OrganizationVerification } from './verification.entity.js';
import { RelatedParties } from './related-parties.service.js';

/**
 * An organization's standing as the operator verified it: business status, tax payments and the
 * category that sets its subsidy rate. Confirming a verification also confirms the organization's
 * claim to its registration number. The rules other modules ask: `assertInGoodStanding`,
 * `confirmedCategory`, `latestVerification`.
 */
@Injectable()
export class Standing {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly related: RelatedParties,
  ) {}

  /**
   * Records what the operator verified. The first verification of an organization also confirms
   * its registration number: other organizations that claimed the same number are rejected,
   * with a reason their members can read. A category left out is carried over from the last
   * verification that confirmed one.
   */
  async verify(id: string, dto: VerificationDto, user: Principal) {
    return this.tx.run(async (m) => {
      const org = await m.findOne(Organization, { where: { id } });
      if (!org) throw notFound('Organization', id);
      await this.related.assertNoStaffConflict(m, user.id, [id], 'verify');
      if (org.registrationStatus !== 'CONFIRMED') await this.confirmNumber(m, org);
      const previous = await this.latestVerification(m, id);
      const category = confirmedCategoryOf(dto) ?? previous?.category ?? null;
      const verification = await m.save(
        m.create(OrganizationVerification, {
          organizationId: id,
          businessStatus: dto.businessStatus,
          taxArrears: dto.taxArrears,
          category,
          note: dto.note ?? null,
          verifiedBy: user.id,
        }),
      );
      await this.audit.record(m, {
        action: 'organization.verified',
        entityType: 'organization',
        entityId: id,
        organizationId: id,
        details: {
          verificationId: verification.id,
          businessStatus: dto.businessStatus,
          taxArrears: dto.taxArrears,
          category,
        },
      });
      return verification;
    });
  }

  /** Confirms this organization's claim to its number and rejects every other claim of it. */
  private async confirmNumber(m: EntityManager, org: Organization) {
    // Every claim of the number, locked in one order, so two confirmations cannot both win.
    const claims = await m.find(Organization, {
      where: { registrationNumber: org.registrationNumber },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    // Read under the locks: another verification may have confirmed a claim meanwhile.
    if (claims.find((c) => c.id === org.id)?.registrationStatus === 'CONFIRMED') return;
    const holder = claims.find((c) => c.id !== org.id && c.registrationStatus === 'CONFIRMED');
    if (holder)
      throw new DomainError(
        'REGISTRATION_NUMBER_TAKEN',
        `Registration number ${org.registrationNumber} is already confirmed for ${holder.name} (${holder.id}); this claim cannot be verified.`,
        {
          messageKo: `사업자등록번호 ${org.registrationNumber}는 이미 다른 기관(${holder.name})으로 확인되었습니다.`,
          details: { organizationId: holder.id },
        },
      );
    const today = seoulToday();
    const note = `On ${today} the operator confirmed registration number ${org.registrationNumber} for another organization after checking its certificate. If the number is yours, contact the operator with your business registration certificate.`;
    for (const other of claims.filter((c) => c.id !== org.id)) {
      await m.update(
        Organization,
        { id: other.id },
        { registrationStatus: 'REJECTED', registrationNote: note },
      );
      await this.audit.record(m, {
        action: 'organization.registration_rejected',
        entityType: 'organization',
        entityId: other.id,
        organizationId: other.id,
        details: { registrationNumber: org.registrationNumber, confirmedFor: org.id },
      });
    }
    await m.update(
      Organization,
      { id: org.id },
      { registrationStatus: 'CONFIRMED', registrationNote: null },
    );
    org.registrationStatus = 'CONFIRMED';
  }

  /**
   * Refuses unless the organization is in good standing: its registration number confirmed, and
   * its latest verification ACTIVE with no tax arrears. Needed to publish, to receive voucher
   * money, to be paid out and to sign an agreement.
   */
  async assertInGoodStanding(
    m: EntityManager,
    organizationId: string,
    what: { en: string; ko: string },
  ): Promise<void> {
    // The organization and its latest verification in one statement: checkout asks this on
    // every order.
    const [org]: {
      name: string;
      registrationStatus: string;
      latest: { businessStatus: string; taxArrears: boolean } | null;
    }[] = await m.query(
      `SELECT o.name, o.registration_status AS "registrationStatus",
              (SELECT json_build_object('businessStatus', v.business_status, 'taxArrears', v.tax_arrears)
                 FROM organization_verifications v WHERE v.organization_id = o.id
                ORDER BY v.verified_at DESC, v.id DESC LIMIT 1) AS latest
         FROM organizations o WHERE o.id = $1`,
      [organizationId],
    );
    if (!org) throw notFound('Organization', organizationId);
    const { latest } = org;
    const problem =
      org.registrationStatus === 'REJECTED'
        ? {
            en: `its registration number was given to another organization`,
            ko: '사업자등록번호가 다른 기관으로 확인됨',
          }
        : !latest
          ? { en: 'the operator has not verified it yet', ko: '운영기관의 기업 확인 전' }
          : latest.businessStatus !== 'ACTIVE'
            ? {
                en: `its business is ${latest.businessStatus.toLowerCase()}`,
                ko: '휴업 또는 폐업 상태',
              }
            : latest.taxArrears
              ? { en: 'it has tax arrears on record', ko: '세금 체납 기록' }
              : undefined;
    if (problem)
      throw new DomainError(
        'ORGANIZATION_NOT_VERIFIED',
        `${org.name} cannot ${what.en}: ${problem.en}. Only organizations whose latest verification is active with no tax arrears can; ask the operator to verify it.`,
        {
          messageKo: `${org.name}은(는) ${what.ko} 수 없습니다 (${problem.ko}). 운영기관의 기업 확인(정상 영업, 체납 없음)을 받아야 합니다.`,
          details: { organizationId, problem: problem.en },
        },
      );
  }

  /** The category an operator confirmed; refuses with CATEGORY_UNCONFIRMED when none has. */
  async confirmedCategory(m: EntityManager, organizationId: string): Promise<OrganizationCategory> {
    const latest = await this.latestVerification(m, organizationId);
    if (latest?.category) return latest.category;
    const org = await m.findOneByOrFail(Organization, { id: organizationId });
    throw new DomainError(
      'CATEGORY_UNCONFIRMED',
      `${org.name} declared itself ${org.category}, but no operator has confirmed its category; the operator must verify the organization with its category (SME, MID_SIZE, LARGE or NONPROFIT) before an agreement sets its subsidy rate.`,
      {
        messageKo: `${org.name}의 기업 구분(중소기업·중견기업·대기업·비영리기관)이 확인되지 않았습니다. 지원 비율을 정하기 전에 운영기관이 기업 확인에서 구분을 확인해야 합니다.`,
        details: { organizationId, declaredCategory: org.category },
      },
    );
  }

  /** The latest verification of an organization, or null when none is on record. */
  latestVerification(m: EntityManager, organizationId: string) {
    return m.findOne(OrganizationVerification, {
      where: { organizationId },
      order: { verifiedAt: 'DESC', id: 'DESC' },
    });
  }
}

/**
 * The category a verification confirms. Our categories are a firm's size class (SME, MID_SIZE,
 * LARGE) or NONPROFIT, so `sizeClass` says the same as `category` for a firm; they must agree.
 */
function confirmedCategoryOf(dto: VerificationDto): OrganizationCategory | undefined {
  if (dto.sizeClass && dto.category && dto.category !== dto.sizeClass)
    throw new DomainError(
      'VALIDATION_FAILED',
      dto.category === 'NONPROFIT'
        ? 'A nonprofit has no size class; leave sizeClass out.'
        : `category ${dto.category} and sizeClass ${dto.sizeClass} disagree; send one of them.`,
      { details: [{ field: 'sizeClass', problems: ['disagrees with category'] }] },
    );
  return dto.category ?? dto.sizeClass;
}
