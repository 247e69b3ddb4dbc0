import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A payment provider's event, recorded in the same transaction as its effect: a replay finds it here and does nothing. */
@Entity('payment_events')
export class PaymentEventRecord {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  /** What the event did: applied, ignored (and why). */
  @Column({ type: 'text' })
  outcome: string;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
