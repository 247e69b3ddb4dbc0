import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationChannel } from './kinds.js';

/** How one person wants to hear of one kind of notification; no row: the default (kinds.ts). */
@Entity('notification_preferences')
@Check(`channel IN ('OFF', 'IN_APP', 'IN_APP_AND_EMAIL')`)
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  channel: NotificationChannel;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
