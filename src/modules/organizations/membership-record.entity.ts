import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Everyone who is or ever was a member of an organization: a membership leaves, its record
 * stays. Related-party checks read it, so leaving one organization does not hide a link.
 */
@Entity('membership_records')
@Index(['userId'])
export class MembershipRecord {
  @PrimaryColumn('uuid')
  organizationId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  firstJoinedAt: Date;
}
