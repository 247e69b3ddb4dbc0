import { escapeLike } from '../../platform/database/like.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, In } from 'typeorm';
import type { OrgRole, Principal } from '../../platform/auth/principal.js';
import { PrincipalCache } from '../../platform/auth/principal-cache.js';
import { Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AccountsService } from '../accounts/index.js';
import { AuditService } from '../audit/index.js';
import { businessNumberProblem, normaliseBusinessNumber } from './business-number.js';
import type {
  ChangeMemberRoleDto,
  CreateOrganizationDto,
  OrganizationQueryDto,
  RelatedOrganizationDto,
  VerificationDto,
} from './dto/organization.dto.js';
import { Membership } from './membership.entity.js';
import { Organization, type OrganizationCategory } from './organization.entity.js';
import { RelatedParties } from './related-parties.service.js';
import { type PageQuery, pagedQuery, pageOf, window } from '../../platform/http/pagination.js';
import { seoulToday } from '../../platform/time/seoul-date.js';
import { OrganizationVerification } from './verification.entity.js';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    private readonly related: RelatedParties,
  ) {}

  async create(dto: CreateOrganizationDto, user: Principal) {
    const registrationNumber = normaliseBusinessNumber(dto.registrationNumber);
    const problem = businessNumberProblem(registrationNumber);
    if (problem === 'FORMAT')
      throw new DomainError(
        'INVALID_REGISTRATION_NUMBER',
        `Business registration number "${dto.registrationNumber}" must have 10 digits (dashes allowed), like 124-81-00998.`,
        { messageKo: '사업자등록번호는 숫자 10자리여야 합니다 (예: 124-81-00998).' },
      );
    if (problem === 'CHECK_DIGIT')
      throw new DomainError(
        'INVALID_REGISTRATION_NUMBER',
        `Business registration number ${registrationNumber} fails its check digit; check it against the registration certificate.`,
        {
          messageKo: `사업자등록번호 ${registrationNumber}의 검증번호가 맞지 않습니다. 사업자등록증을 확인해 주세요.`,
        },
      );
    const created = await this.tx.run(async (m) => {
      const holder = await m.findOne(Organization, {
        where: { registrationNumber, registrationStatus: 'CONFIRMED' },
      });
      if (holder) throw numberTaken(registrationNumber);
      const org = await m.save(
        m.create(Organization, {
          name: dto.name,
          registrationNumber,
          representativeName: dto.representativeName,
          category: dto.category,
          industryCode: dto.industryCode,
          region: dto.region ?? null,
          createdBy: user.id,
        }),
      );
      await this.addMembership(m, org.id, user.id, 'admin');
      await this.audit.record(m, {
        action: 'organization.created',
        entityType: 'organization',
        entityId: org.id,
        organizationId: org.id,
        details: {
          name: org.name,
          registrationNumber,
          category: org.category,
          industryCode: org.industryCode,
        },
      });
      return this.view(m, org, 'admin');
    });
    this.principals.forget(user.id);
    return created;
  }

  /** A membership, and its lasting record for the related-party rule. */
  async addMembership(m: EntityManager, organizationId: string, userId: string, role: OrgRole) {
    await m.insert(Membership, { organizationId, userId, role });
    await m.query(
      `INSERT INTO membership_records (organization_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [organizationId, userId],
    );
  }

  /** An organization the caller may see: a member's own, or any for an operator. */
  async get(id: string, user: Principal) {
    const org = await this.findVisible(this.dataSource.manager, id, user);
    return this.view(this.dataSource.manager, org, user.roleIn(id) ?? null);
  }

  async list(query: OrganizationQueryDto, user: Principal) {
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o');
    if (!user.isOperator)
      qb.innerJoin(Membership, 'm', 'm.organizationId = o.id AND m.userId = :userId', {
        userId: user.id,
      });
    if (query.q) {
      const q = `%${escapeLike(query.q)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where('o.name ILIKE :q', { q }).orWhere('o.registrationNumber LIKE :digits', {
            digits: `%${normaliseBusinessNumber(query.q!)}%`,
          }),
        ),
      );
    }
    const [orgs, total] = await qb
      .orderBy('o.createdAt', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: orgs.map((o) => this.summary(o)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async members(id: string, user: Principal, query: PageQuery) {
    await this.findVisible(this.dataSource.manager, id, user);
    return pagedQuery<{
      userId: string;
      email: string;
      name: string;
      role: string;
      createdAt: Date;
    }>(
      this.dataSource,
      `SELECT m.user_id AS "userId", u.email, u.name, m.role, m.created_at AS "createdAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1`,
      [id],
      '"createdAt", "userId"',
      query,
    );
  }

  /**
   * A member leaves: anyone may, except the last admin (make another member admin first). The
   * lasting record stays, so leaving does not hide a related-party link.
   */
  async leave(id: string, user: Principal) {
    await this.endMembership(id, user.id, 'organization.member_left');
  }

  async changeMemberRole(id: string, userId: string, dto: ChangeMemberRoleDto) {
    const changed = await this.tx.run(async (m) => {
      const membership = await this.lockMembership(m, id, userId);
      if (membership.role === dto.role) return { userId, role: dto.role };
      if (membership.role === 'admin') await this.assertAnotherAdmin(m, id, userId);
      await m.update(Membership, { organizationId: id, userId }, { role: dto.role });
      await this.audit.record(m, {
        action: 'organization.member_role_changed',
        entityType: 'organization',
        entityId: id,
        organizationId: id,
        details: { userId, from: membership.role, to: dto.role },
      });
      return { userId, role: dto.role };
    });
    this.principals.forget(userId);
    return changed;
  }

  async removeMember(id: string, userId: string) {
    await this.endMembership(id, userId, 'organization.member_removed');
  }

  /** Ends a membership (never the last admin's); its lasting record stays. */
  private async endMembership(id: string, userId: string, action: string) {
    await this.tx.run(async (m) => {
      const membership = await this.lockMembership(m, id, userId);
      if (membership.role === 'admin') await this.assertAnotherAdmin(m, id, userId);
      await m.delete(Membership, { organizationId: id, userId });
      await this.audit.record(m, {
        action,
        entityType: 'organization',
        entityId: id,
        organizationId: id,
        details: { userId, role: membership.role },
      });
    });
    this.principals.forget(userId);
  }

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
    const org = await m.findOne(Organization, { where: { id: organizationId } });
    if (!org) throw notFound('Organization', organizationId);
    const latest = await this.latestVerification(m, organizationId);
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

  /** An operator records a link between two organizations: they become related parties. */
  async recordLink(id: string, dto: RelatedOrganizationDto, user: Principal) {
    if (id === dto.organizationId)
      throw new DomainError('VALIDATION_FAILED', 'An organization cannot be linked to itself.', {
        details: [{ field: 'organizationId', problems: ['must be another organization'] }],
      });
    return this.tx.run(async (m) => {
      const found = await m.count(Organization, { where: { id: In([id, dto.organizationId]) } });
      if (found !== 2) throw notFound('Organization', found ? dto.organizationId : id);
      const { created } = await this.related.record(m, id, dto.organizationId, dto.reason, user.id);
      if (created)
        await this.audit.record(m, {
          action: 'organization.link_recorded',
          entityType: 'organization',
          entityId: id,
          organizationId: id,
          details: { linkedOrganizationId: dto.organizationId, reason: dto.reason },
        });
      return this.related.recorded(m, id);
    });
  }

  async links(id: string) {
    const m = this.dataSource.manager;
    if (!(await m.exists(Organization, { where: { id } }))) throw notFound('Organization', id);
    return this.related.recorded(m, id);
  }

  async verifications(id: string, user: Principal, query: PageQuery) {
    await this.findVisible(this.dataSource.manager, id, user);
    return pageOf(
      await this.dataSource.getRepository(OrganizationVerification).findAndCount({
        where: { organizationId: id },
        order: { verifiedAt: 'DESC', id: 'DESC' },
        ...window(query),
      }),
      query,
    );
  }

  /** The latest verification of an organization, or null when none is on record. */
  latestVerification(m: EntityManager, organizationId: string) {
    return m.findOne(OrganizationVerification, {
      where: { organizationId },
      order: { verifiedAt: 'DESC', id: 'DESC' },
    });
  }

  /** Membership is part of the query, so a foreign id reads exactly like a missing one. */
  private async findVisible(m: EntityManager, id: string, user: Principal): Promise<Organization> {
    const qb = m.getRepository(Organization).createQueryBuilder('o').where('o.id = :id', { id });
    if (!user.isOperator)
      qb.innerJoin(Membership, 'm', 'm.organizationId = o.id AND m.userId = :userId', {
        userId: user.id,
      });
    const org = await qb.getOne();
    if (!org) throw notFound('Organization', id, '기관을 찾을 수 없습니다.');
    return org;
  }

  private async lockMembership(m: EntityManager, organizationId: string, userId: string) {
    // Lock the organization first: membership changes of one organization run one at a time.
    await m.findOne(Organization, {
      where: { id: organizationId },
      lock: { mode: 'pessimistic_write' },
    });
    const membership = await m.findOne(Membership, { where: { organizationId, userId } });
    if (!membership) throw notFound('Member', userId, '구성원을 찾을 수 없습니다.');
    return membership;
  }

  private async assertAnotherAdmin(m: EntityManager, organizationId: string, userId: string) {
    const admins = await m.count(Membership, { where: { organizationId, role: 'admin' } });
    if (admins <= 1)
      throw new DomainError(
        'LAST_ADMIN',
        `User ${userId} is the only admin; make another member admin first.`,
      );
  }

  private summary(org: Organization) {
    return {
      id: org.id,
      name: org.name,
      registrationNumber: org.registrationNumber,
      representativeName: org.representativeName,
      category: org.category,
      registration: { status: org.registrationStatus, note: org.registrationNote },
      industryCode: org.industryCode,
      region: org.region,
      createdAt: org.createdAt,
    };
  }

  private async view(m: EntityManager, org: Organization, yourRole: string | null) {
    const latest = await this.latestVerification(m, org.id);
    const memberCount = await m.count(Membership, { where: { organizationId: org.id } });
    return {
      ...this.summary(org),
      yourRole,
      memberCount,
      verification: latest ?? null,
      confirmedCategory: latest?.category ?? null,
    };
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

function numberTaken(registrationNumber: string) {
  return new DomainError(
    'REGISTRATION_NUMBER_TAKEN',
    `Registration number ${registrationNumber} belongs to an organization the operator has confirmed; ask its admin to invite you.`,
    {
      messageKo: `사업자등록번호 ${registrationNumber}는 운영기관이 확인한 기관에 등록되어 있습니다. 해당 기관 관리자에게 초대를 요청해 주세요.`,
    },
  );
}
