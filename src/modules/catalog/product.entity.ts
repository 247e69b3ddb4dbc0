import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { bigintTransformer } from '../../platform/database/bigint.transformer.js';
import type { DataType } from '../datasets/index.js';
import { Organization } from '../organizations/index.js';
import { Licence } from './licence.entity.js';

export type ProductStatus = 'DRAFT' | 'LISTED' | 'DELISTED';

/** A data product on the exchange: a sealed, verified dataset version with a price and a licence. */
@Entity('products')
@Index(['status', 'listedAt'])
@Index(['organizationId'])
@Index(['datasetId'], { unique: true })
// Search reads listed_products, a narrow copy of each listed product that a trigger keeps
// (migration ListedProducts), with the search's indexes.
@Check(`status IN ('DRAFT', 'LISTED', 'DELISTED')`)
@Check(`price_krw > 0`)
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The seller: the organization that holds the dataset (for processing support, the owner). */
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  datasetId: string;

  /** The version buyers get now (the latest revision). */
  @Column({ type: 'uuid' })
  versionId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  priceKrw: bigint;

  @Column({ type: 'text' })
  licenceCode: string;

  @Column({ type: 'text', default: 'DRAFT' })
  status: ProductStatus;

  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  @Column({ type: 'text' })
  dataType: DataType;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** The pool processor that made it, when one did. */
  @Column({ type: 'uuid', nullable: true })
  processorOrganizationId: string | null;

  /** Made with processing support: the one-year listing rule applies. */
  @Column({ type: 'boolean', default: false })
  processingSupported: boolean;

  @Column({ type: 'uuid', nullable: true })
  processingProjectId: string | null;

  /** The seller vets its buyers: an order needs an approved access request (access/). */
  @Column({ type: 'boolean', default: false })
  approvalRequired: boolean;

  /** What the seller wants a buyer to say when asking for access. */
  @Column({ type: 'text', nullable: true })
  approvalQuestion: string | null;

  /** Snapshot of the version's quality score (0-100). */
  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true })
  qualityScore: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  rowCount: bigint;

  @Column({ type: 'int', default: 0 })
  fileCount: number;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  sizeBytes: bigint;

  /** The pricing guide as it stood when the product was published. */
  @Column({ type: 'jsonb', nullable: true })
  pricingGuide: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', nullable: true })
  listedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstListedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  delistedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  delistReason: string | null;

  /** The title normalised like searchText; matches in it rank first. */
  @Column({ type: 'text', default: '' })
  titleText: string;

  /**
   * Normalised text (search-tokens.ts) of title, description, tags, industry, seller and processor.
   * A GIN index on mdx_tokens(search_text) of listed_products finds products holding a query's
   * character bigrams.
   */
  @Column({ type: 'text', default: '' })
  searchText: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @ManyToOne(() => Licence)
  @JoinColumn({ name: 'licence_code' })
  licence?: Relation<Licence>;
}
