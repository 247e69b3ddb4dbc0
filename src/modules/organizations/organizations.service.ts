import { escapeLike } from '../../platform/database/like.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { PrincipalCache } from '../../platform/auth/principal-cache.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { businessNumberProblem, normaliseBusinessNumber } from './business-number.js';
import type {
  AddMemberDto,
  ChangeMemberRoleDto,
  CreateOrganizationDto,
  OrganizationQueryDto,
  VerificationDto,
} from './dto/organization.dto.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationVerification } from './verification.entity.js';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
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
    try {
      const created = await this.tx.run(async (m) => {
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
        await m.insert(Membership, { organizationId: org.id, userId: user.id, role: 'admin' });
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
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'REGISTRATION_NUMBER_TAKEN',
          `An organization with registration number ${registrationNumber} is already registered; ask its admin to add you as a member.`,
          {
            messageKo: `사업자등록번호 ${registrationNumber}로 이미 등록된 기관이 있습니다. 해당 기관 관리자에게 구성원 추가를 요청해 주세요.`,
          },
        );
      throw err;
    }
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

  async members(id: string, user: Principal) {
    await this.findVisible(this.dataSource.manager, id, user);
    const rows: { userId: string; email: string; name: string; role: string; createdAt: Date }[] =
      await this.dataSource.query(
        `SELECT m.user_id AS "userId", u.email, u.name, m.role, m.created_at AS "createdAt"
           FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.organization_id = $1 ORDER BY m.created_at`,
        [id],
      );
    return rows;
  }

  async addMember(id: string, dto: AddMemberDto) {
    const invitee = await this.accounts.findByEmail(dto.email);
    if (!invitee)
      throw new DomainError(
        'NOT_FOUND',
        `No account uses ${dto.email}; ask them to sign up first, then add them.`,
        {
          messageKo: `${dto.email}로 가입된 계정이 없습니다. 먼저 회원가입을 요청한 뒤 추가해 주세요.`,
        },
      );
    try {
      const added = await this.tx.run(async (m) => {
        await m.insert(Membership, { organizationId: id, userId: invitee.id, role: dto.role });
        await this.audit.record(m, {
          action: 'organization.member_added',
          entityType: 'organization',
          entityId: id,
          organizationId: id,
          details: { userId: invitee.id, email: invitee.email, role: dto.role },
        });
        return { userId: invitee.id, email: invitee.email, name: invitee.name, role: dto.role };
      });
      this.principals.forget(invitee.id);
      return added;
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'ALREADY_MEMBER',
          `${dto.email} is already a member of this organization.`,
        );
      throw err;
    }
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
    await this.tx.run(async (m) => {
      const membership = await this.lockMembership(m, id, userId);
      if (membership.role === 'admin') await this.assertAnotherAdmin(m, id, userId);
      await m.delete(Membership, { organizationId: id, userId });
      await this.audit.record(m, {
        action: 'organization.member_removed',
        entityType: 'organization',
        entityId: id,
        organizationId: id,
        details: { userId, role: membership.role },
      });
    });
    this.principals.forget(userId);
  }

  async verify(id: string, dto: VerificationDto, user: Principal) {
    return this.tx.run(async (m) => {
      const org = await m.findOne(Organization, { where: { id } });
      if (!org) throw notFound('Organization', id);
      const verification = await m.save(
        m.create(OrganizationVerification, {
          organizationId: id,
          businessStatus: dto.businessStatus,
          taxArrears: dto.taxArrears,
          category: dto.category ?? null,
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
          category: dto.category ?? null,
        },
      });
      return verification;
    });
  }

  async verifications(id: string, user: Principal) {
    await this.findVisible(this.dataSource.manager, id, user);
    return this.dataSource
      .getRepository(OrganizationVerification)
      .find({ where: { organizationId: id }, order: { verifiedAt: 'DESC' } });
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
      industryCode: org.industryCode,
      region: org.region,
      createdAt: org.createdAt,
    };
  }

  private async view(m: EntityManager, org: Organization, yourRole: string | null) {
    const latest = await this.latestVerification(m, org.id);
    const memberCount = await m.count(Membership, { where: { organizationId: org.id } });
    return { ...this.summary(org), yourRole, memberCount, verification: latest ?? null };
  }
}
