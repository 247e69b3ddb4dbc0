import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A failed sign-in, counted per account and per address over a sliding window. */
@Entity('login_failures')
@Index(['key', 'at'])
export class LoginFailure {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** `account:<email>` or `address:<ip>`. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
