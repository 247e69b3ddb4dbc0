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
} from './dto/organization.dto.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { RelatedParties } from './related-parties.service.js';
import { type PageQuery, pagedQuery, pageOf, window } from '../../platform/http/pagination.js';
import { OrganizationVerification } from './verification.entity.js';
import { Standing } from './standing.service.js';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    private readonly related: RelatedParties,
    private readonly standing: Standing,
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
    if (query.registration)
      qb.andWhere('o.registrationStatus = :registration', { registration: query.registration });
    const [orgs, total] = await qb
      .orderBy('o.createdAt', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const claims = await this.otherClaims(this.dataSource.manager, orgs);
    return {
      items: orgs.map((o) => this.summary(o, claims.get(o.id) ?? 0)),
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
   * A person leaves the exchange (회원 탈퇴), giving their password. Staff roles are taken away
   * by an operator first, and an organization is never left without an admin. Their memberships
   * end (the lasting records stay, so leaving hides no related-party link) and the account is
   * made anonymous; what they did stays on record under its id.
   */
  async withdraw(user: Principal, password: string, address: string): Promise<void> {
    await this.accounts.confirmPassword(user, password, address);
    if (user.platformRoles.length)
      throw new DomainError(
        'CONFLICT',
        `Your account holds the ${user.platformRoles.join(' and ')} role; ask an operator to take it away first.`,
        {
          messageKo:
            '운영자·평가위원 역할이 있는 계정입니다. 다른 운영자에게 역할 해제를 먼저 요청해 주세요.',
        },
      );
    const sessions = await this.tx.run(async (m) => {
      const memberships = await m.find(Membership, {
        where: { userId: user.id },
        order: { organizationId: 'ASC' },
      });
      for (const membership of memberships) {
        await this.lockMembership(m, membership.organizationId, user.id);
        if (membership.role !== 'admin') continue;
        const admins = await m.count(Membership, {
          where: { organizationId: membership.organizationId, role: 'admin' },
        });
        if (admins > 1) continue;
        const name = user.organizationNames.get(membership.organizationId) ?? '';
        throw new DomainError(
          'LAST_ADMIN',
          `You are the only admin of ${name}; make another member its admin (invite one first if needed), or ask an operator, before you leave.`,
          {
            messageKo: `${name}의 관리자가 회원님뿐입니다. 다른 구성원을 관리자로 지정한 뒤(필요하면 먼저 초대) 탈퇴해 주세요.`,
            details: { organizationId: membership.organizationId },
          },
        );
      }
      await m.delete(Membership, { userId: user.id });
      await this.audit.record(m, {
        action: 'user.withdrawn',
        entityType: 'user',
        entityId: user.id,
        details: { organizations: memberships.map((x) => x.organizationId) },
      });
      return this.accounts.anonymize(m, user.id);
    });
    this.accounts.withdrawn(user.id, sessions);
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

  /** For each organization, how many others claim its registration number and are not rejected. */
  private async otherClaims(m: EntityManager, orgs: Organization[]): Promise<Map<string, number>> {
    if (orgs.length === 0) return new Map();
    const rows: { id: string; n: number }[] = await m.query(
      `SELECT o.id, count(c.id)::int AS n FROM organizations o
         LEFT JOIN organizations c ON c.registration_number = o.registration_number
          AND c.id <> o.id AND c.registration_status <> 'REJECTED'
        WHERE o.id = ANY($1::uuid[]) GROUP BY o.id`,
      [orgs.map((o) => o.id)],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  private summary(org: Organization, otherClaims: number) {
    return {
      id: org.id,
      name: org.name,
      registrationNumber: org.registrationNumber,
      representativeName: org.representativeName,
      category: org.category,
      registration: {
        status: org.registrationStatus,
        note: org.registrationNote,
        otherClaims,
      },
      industryCode: org.industryCode,
      region: org.region,
      createdAt: org.createdAt,
    };
  }

  private async view(m: EntityManager, org: Organization, yourRole: string | null) {
    const latest = await this.standing.latestVerification(m, org.id);
    const memberCount = await m.count(Membership, { where: { organizationId: org.id } });
    const claims = await this.otherClaims(m, [org]);
    return {
      ...this.summary(org, claims.get(org.id) ?? 0),
      yourRole,
      memberCount,
      verification: latest ?? null,
      confirmedCategory: latest?.category ?? null,
    };
  }
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
