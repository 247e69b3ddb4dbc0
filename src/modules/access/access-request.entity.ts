import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ACCESS_STATUSES = ['PENDING', 'ESCALATED', 'APPROVED', 'REFUSED', 'EXPIRED'] as const;
export type AccessStatus = (typeof ACCESS_STATUSES)[number];
/** Who decided: the seller, or an operator in its place once the request was escalated. */
export type AccessDecider = 'SELLER' | 'OPERATOR';

/**
 * A buyer's request to buy a product whose seller vets its buyers. The seller answers by `dueOn`
 * (business days on the Korean calendar); past it the request is escalated to the operators,
 * never dropped. An approval opens checkout for the buyer until `accessUntil`.
 */
@Entity('access_requests')
@Index(['productId', 'buyerOrganizationId', 'createdAt'])
@Index(['sellerOrganizationId', 'status'])
@Index(['buyerOrganizationId', 'createdAt'])
// At most one open or approved request per product and buyer.
@Index('UQ_access_requests_open', ['productId', 'buyerOrganizationId'], {
  unique: true,
  where: `status IN ('PENDING', 'ESCALATED', 'APPROVED')`,
})
@Check(`status IN ('PENDING', 'ESCALATED', 'APPROVED', 'REFUSED', 'EXPIRED')`)
@Check(`decided_as IS NULL OR decided_as IN ('SELLER', 'OPERATOR')`)
export class AccessRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  productId: string;

  /** The seller when asked (the product's organization). */
  @Column({ type: 'uuid' })
  sellerOrganizationId: string;

  @Column({ type: 'uuid' })
  buyerOrganizationId: string;

  @Column({ type: 'uuid' })
  requestedBy: string;

  /** What the buyer means to do with the data, in answer to the seller's question. */
  @Column({ type: 'text' })
  intendedUse: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: AccessStatus;

  /** The Seoul date the seller must answer by (inclusive). */
  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'text', nullable: true })
  decidedAs: AccessDecider | null;

  /** Why it was refused, shown to the buyer. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** An approval lets the buyer check out until then. */
  @Column({ type: 'timestamptz', nullable: true })
  accessUntil: Date | null;

  /** After a refusal, the buyer may ask again from then. */
  @Column({ type: 'timestamptz', nullable: true })
  askAgainFrom: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
