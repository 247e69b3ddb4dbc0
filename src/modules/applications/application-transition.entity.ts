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
import { Application } from './application.entity.js';
import type { ApplicationStatus } from './application-status.js';

/** One step of an application's history: who moved it, when, from where to where, and why. */
@Entity('application_transitions')
@Index(['applicationId', 'at'])
export class ApplicationTransition {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'text', nullable: true })
  fromStatus: ApplicationStatus | null;

  @Column({ type: 'text' })
  toStatus: ApplicationStatus;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;
}
