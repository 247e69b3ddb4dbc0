import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';

/** FAILED is kept for orders closed by a decline before declines stopped ending orders (a decline now leaves the order payable). */
export const ORDER_STATUSES = [
  'AWAITING_PAYMENT',
  'PAID',
  'CANCELLED',
  'REFUNDED',
  'FAILED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

@Entity('orders')
@Index(['buyerOrganizationId', 'createdAt'])
@Index(['sellerOrganizationId'])
@Index(['status', 'expiresAt'])
@Index('UQ_orders_idempotency', ['buyerOrganizationId', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
@Check(`status IN ('AWAITING_PAYMENT', 'PAID', 'CANCELLED', 'REFUNDED', 'FAILED')`)
@Check(`price_krw = voucher_krw + buyer_krw AND voucher_krw >= 0 AND buyer_krw >= 0`)
@Check(`price_krw = supply_krw + vat_krw`)
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  buyerOrganizationId: string;

  @Column({ type: 'uuid' })
  sellerOrganizationId: string;

  @Column({ type: 'uuid' })
  productId: string;

  /** The version bought (the product's then current revision). */
  @Column({ type: 'uuid' })
  versionId: string;

  @Column({ type: 'text' })
  productTitle: string;

  @Column({ type: 'text' })
  licenceCode: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  priceKrw: bigint;

  @Column({ type: 'uuid', nullable: true })
  voucherId: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  voucherKrw: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  buyerKrw: bigint;

  /** Supply value (공급가액) and VAT (부가세) of the price, for invoicing. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  supplyKrw: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  vatKrw: bigint;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'text', nullable: true, unique: true })
  paymentIntentId: string | null;

  @Column({ type: 'text', nullable: true })
  clientSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closeReason: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
