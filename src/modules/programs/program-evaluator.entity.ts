import {
  CreateDateColumn,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../accounts/index.js';
import { Program } from './program.entity.js';

/** An evaluator assigned to a call. */
@Entity('program_evaluators')
@Index(['userId'])
export class ProgramEvaluator {
  @PrimaryColumn('uuid')
  programId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @Column({ type: 'uuid' })
  assignedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;

  @ManyToOne(() => Program, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'program_id' })
  program?: Relation<Program>;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
