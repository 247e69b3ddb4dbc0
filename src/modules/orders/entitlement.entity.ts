import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a paid order lets the buyer's organization download: the version bought and later revisions, for the licence term. */
@Entity('entitlements')
@Index(['organizationId', 'productId'])
export class Entitlement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  orderId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  productId: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @Column({ type: 'int' })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt: Date;

  @Column({ type: 'timestamptz' })
  validUntil: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** A download: who asked for which version's files, when. */
@Entity('downloads')
@Index(['entitlementId'])
export class Download {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  entitlementId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @Column({ type: 'int' })
  files: number;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
