import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Sign-in failures and sign-ups, counted per key over a sliding window (LoginThrottle and
 * SignupThrottle). A sign-in attempt is written before its password is checked (its `attempt`
 * id), and removed when the password was right.
 */
@Entity('auth_attempts')
@Index(['key', 'at'])
@Index(['attempt'])
export class AuthAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** `pair:<email>|<ip>`, `address:<ip>`, `account:<email>` or `signup:<ip>`. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'uuid', nullable: true })
  attempt: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/** Addresses an account has signed in from: they may still try when the account is under attack. */
@Entity('login_addresses')
export class LoginAddress {
  @PrimaryColumn({ type: 'text' })
  email: string;

  @PrimaryColumn({ type: 'text' })
  address: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSignedInAt: Date;
}
