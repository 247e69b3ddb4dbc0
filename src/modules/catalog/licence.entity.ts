import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A licence template an operator manages: what a buyer may do with the data, and for how long. */
@Entity('licences')
export class Licence {
  /** e.g. INTERNAL_USE, RESEARCH_ONLY, COMMERCIAL */
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  nameKo: string;

  @Column({ type: 'text' })
  terms: string;

  /** How long the buyer may use the data, months. */
  @Column({ type: 'int' })
  termMonths: number;

  @Column({ type: 'boolean' })
  commercialUse: boolean;

  @Column({ type: 'boolean' })
  derivatives: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
