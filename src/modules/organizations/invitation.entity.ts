import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrgRole } from '../../platform/auth/principal.js';

export const INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * An organization's invitation to a person, by e-mail. Membership starts only when that person
 * accepts; a pending invitation past `expiresAt` can no longer be accepted.
 */
@Entity('invitations')
@Check(`status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED')`)
@Check(`role IN ('admin', 'member')`)
@Index('UQ_invitations_pending', ['organizationId', 'email'], {
  unique: true,
  where: `status = 'PENDING'`,
})
@Index(['email', 'status'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  /** Lower case, as accounts store it. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  role: OrgRole;

  @Column({ type: 'text', default: 'PENDING' })
  status: InvitationStatus;

  @Column({ type: 'uuid' })
  invitedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
