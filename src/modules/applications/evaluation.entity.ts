import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Application } from './application.entity.js';

export interface CriterionScore {
  criterion: string;
  points: number;
}

export interface ChecklistAnswer {
  item: string;
  passed: boolean;
  comment: string;
}

/** One evaluator's score sheet (scored calls) or checklist (the pool) for one application. */
@Entity('evaluations')
@Index(['applicationId', 'evaluatorId'], { unique: true })
@Check(`score IS NULL OR (score >= 0 AND score <= 100)`)
@Check(`(score IS NULL) <> (passed IS NULL)`)
export class Evaluation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'uuid' })
  evaluatorId: string;

  /** Total 0-100 for scored calls. */
  @Column({ type: 'int', nullable: true })
  score: number | null;

  @Column({ type: 'jsonb', nullable: true })
  scores: CriterionScore[] | null;

  /** For the pool: every checklist item passed. */
  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ type: 'jsonb', nullable: true })
  checklist: ChecklistAnswer[] | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;
}
