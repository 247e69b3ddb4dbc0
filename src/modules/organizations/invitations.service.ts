import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { PrincipalCache } from '../../platform/auth/principal-cache.js';
import { isUniqueViolation, Transactions } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import type { InviteDto } from './dto/organization.dto.js';
import { Invitation } from './invitation.entity.js';
import { Membership } from './membership.entity.js';
import { type PageQuery, pageOf, window } from '../../platform/http/pagination.js';
import { OrganizationsService } from './organizations.service.js';
import { DomainEvents } from '../../platform/events/domain-events.js';
import { EVENT_TYPES } from '../../platform/events/event-types.js';

const VALID_DAYS = 14;

/** An invitation as its organization's admins see it: the address they typed, never a name. */
function adminView(i: Invitation) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    status: stateOf(i),
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
  };
}

/** PENDING past its date reads as EXPIRED (nothing needs to run to expire it). */
function stateOf(i: Invitation): Invitation['status'] | 'EXPIRED' {
  return i.status === 'PENDING' && i.expiresAt.getTime() <= Date.now() ? 'EXPIRED' : i.status;
}

/**
 * Membership by consent: an admin invites an e-mail address, and the person with that address
 * accepts or declines. Until then nothing about them is revealed (not whether they have an
 * account, not their name), and nobody becomes a member of anything they did not agree to.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    private readonly events: DomainEvents,
  ) {}

  async invite(organizationId: string, dto: InviteDto, admin: Principal) {
    try {
      return await this.tx.run(async (m) => {
        const already = await m.query(
          `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.email = $2`,
          [organizationId, dto.email],
        );
        if (already.length)
          throw new DomainError(
            'ALREADY_MEMBER',
            `${dto.email} is already a member of this organization.`,
          );
        // A new invitation to the same address replaces one still pending.
        await m.update(
          Invitation,
          { organizationId, email: dto.email, status: 'PENDING' },
          { status: 'REVOKED', decidedAt: new Date() },
        );
        const invitation = await m.save(
          m.create(Invitation, {
            organizationId,
            email: dto.email,
            role: dto.role,
            invitedBy: admin.id,
            expiresAt: new Date(Date.now() + VALID_DAYS * 86_400_000),
          }),
        );
        await this.audit.record(m, {
          action: 'organization.member_invited',
          entityType: 'organization',
          entityId: organizationId,
          organizationId,
          details: { invitationId: invitation.id, email: dto.email, role: dto.role },
        });
        await this.events.publish(m, {
          type: EVENT_TYPES.MEMBER_INVITED,
          subjectType: 'invitation',
          subjectId: invitation.id,
          organizationId,
          payload: { email: dto.email, role: dto.role, expiresAt: invitation.expiresAt },
        });
        return adminView(invitation);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'UQ_invitations_pending'))
        throw new DomainError('CONFLICT', `An invitation to ${dto.email} was sent just now.`);
      throw err;
    }
  }

  async listForOrganization(organizationId: string, query: PageQuery) {
    const [rows, total] = await this.dataSource.getRepository(Invitation).findAndCount({
      where: { organizationId },
      order: { createdAt: 'DESC', id: 'ASC' },
      ...window(query),
    });
    return pageOf([rows.map(adminView), total], query);
  }

  async revoke(organizationId: string, invitationId: string) {
    await this.tx.run(async (m) => {
      const invitation = await this.lock(m, invitationId);
      if (!invitation || invitation.organizationId !== organizationId)
        throw notFound('Invitation', invitationId, '초대를 찾을 수 없습니다.');
      if (invitation.status !== 'PENDING')
        throw new DomainError(
          'INVALID_TRANSITION',
          `Invitation ${invitationId} is ${invitation.status.toLowerCase()}; only a pending one can be revoked.`,
        );
      await m.update(
        Invitation,
        { id: invitationId },
        { status: 'REVOKED', decidedAt: new Date() },
      );
    });
  }

  /** The invitations waiting for the signed-in person, with the inviting organization's name. */
  mine(user: Principal): Promise<
    {
      id: string;
      organizationId: string;
      organizationName: string;
      role: string;
      status: string;
      expiresAt: Date;
    }[]
  > {
    return this.dataSource.query(
      `SELECT i.id, i.organization_id AS "organizationId", o.name AS "organizationName", i.role, i.status,
              i.expires_at AS "expiresAt"
         FROM invitations i JOIN organizations o ON o.id = i.organization_id
        WHERE i.email = $1 AND i.status = 'PENDING' AND i.expires_at > now()
        ORDER BY i.created_at DESC`,
      [user.email.toLowerCase()],
    );
  }

  /** The invitee accepts: the membership starts, and the person's lasting record with it. */
  async accept(invitationId: string, user: Principal) {
    const accepted = await this.tx.run(async (m) => {
      const invitation = await this.ownPending(m, invitationId, user);
      await m.update(
        Invitation,
        { id: invitationId },
        { status: 'ACCEPTED', decidedAt: new Date() },
      );
      const member = await m.findOne(Membership, {
        where: { organizationId: invitation.organizationId, userId: user.id },
      });
      // Already a member (a second invitation accepted): nothing more to record.
      if (!member) {
        await this.organizations.addMembership(
          m,
          invitation.organizationId,
          user.id,
          invitation.role,
        );
        await this.audit.record(m, {
          action: 'organization.member_added',
          entityType: 'organization',
          entityId: invitation.organizationId,
          organizationId: invitation.organizationId,
          details: { userId: user.id, email: user.email, role: invitation.role, invitationId },
        });
      }
      return { organizationId: invitation.organizationId, role: member?.role ?? invitation.role };
    });
    this.principals.forget(user.id);
    return { id: invitationId, status: 'ACCEPTED', ...accepted };
  }

  async decline(invitationId: string, user: Principal) {
    await this.tx.run(async (m) => {
      await this.ownPending(m, invitationId, user);
      await m.update(
        Invitation,
        { id: invitationId },
        { status: 'DECLINED', decidedAt: new Date() },
      );
    });
    return { id: invitationId, status: 'DECLINED' };
  }

  /** The caller's own pending invitation, locked; anyone else's reads as not found. */
  private async ownPending(m: EntityManager, invitationId: string, user: Principal) {
    const invitation = await this.lock(m, invitationId);
    if (!invitation || invitation.email !== user.email.toLowerCase())
      throw notFound('Invitation', invitationId, '초대를 찾을 수 없습니다.');
    const state = stateOf(invitation);
    if (state !== 'PENDING')
      throw new DomainError(
        'INVALID_TRANSITION',
        `This invitation is ${state.toLowerCase()}; ask the organization's admin for a new one.`,
        {
          messageKo:
            '이미 처리되었거나 만료된 초대입니다. 기관 관리자에게 새 초대를 요청해 주세요.',
        },
      );
    return invitation;
  }

  private lock(m: EntityManager, id: string) {
    return m.findOne(Invitation, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }
}
