import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';
import type { ProgramKind, ProgramTerms } from './program-terms.js';

/** A call (공고) of one of the three programs. */
@Entity('programs')
@Check(`kind IN ('PROCESSOR_POOL', 'PROCESSING_SUPPORT', 'PURCHASE_SUPPORT')`)
@Check(`budget_krw IS NULL OR budget_krw > 0`)
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A stable name for seeded calls (`2024-processing-support`); unique when set. */
  @Column({ type: 'text', nullable: true, unique: true })
  slug: string | null;

  @Column({ type: 'text' })
  kind: ProgramKind;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'timestamptz' })
  announcedAt: Date;

  @Column({ type: 'timestamptz' })
  applicationOpensAt: Date;

  /** Null for rolling calls (수시 접수). */
  @Column({ type: 'timestamptz', nullable: true })
  applicationClosesAt: Date | null;

  @Column({ type: 'date', nullable: true })
  evaluationStartsOn: string | null;

  @Column({ type: 'date', nullable: true })
  evaluationEndsOn: string | null;

  @Column({ type: 'date', nullable: true })
  selectionOn: string | null;

  /** Null for the pool (no budget). */
  @Column({ type: 'bigint', nullable: true, transformer: bigintTransformer })
  budgetKrw: bigint | null;

  @Column({ type: 'int', nullable: true })
  targetCount: number | null;

  @Column({ type: 'jsonb' })
  terms: ProgramTerms;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
