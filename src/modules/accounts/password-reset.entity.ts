import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from './user.entity.js';

/**
 * One "forgot my password" request. Its link carries `<id>.<secret>`; only the secret's SHA-256 is
 * kept, made by the mail job when it sends the link (so no job row ever holds the secret). A link
 * works once, until `expiresAt`, and only the newest one of a user is live.
 */
@Entity('password_resets')
@Index(['userId', 'requestedAt'])
export class PasswordReset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** SHA-256 of the link's secret; null until the mail is sent. */
  @Column({ type: 'bytea', nullable: true })
  secretHash: Buffer | null;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** When the password was set with it, or when a newer request or a reset replaced it. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
