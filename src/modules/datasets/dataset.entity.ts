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
import { Organization } from '../organizations/index.js';

export const DATA_TYPES = ['SENSOR_TIME_SERIES', 'TABULAR', 'IMAGE', 'TEXT', 'OTHER'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** Each data type as people read it: [Korean, English]. */
export const DATA_TYPE_NAMES: Record<DataType, [ko: string, en: string]> = {
  SENSOR_TIME_SERIES: ['센서 시계열', 'sensor time series'],
  TABULAR: ['표 데이터', 'tabular data'],
  IMAGE: ['이미지', 'images'],
  TEXT: ['텍스트', 'text'],
  OTHER: ['기타', 'other'],
};

/** Manufacturing data an organization holds or made, in immutable numbered versions. */
@Entity('datasets')
@Index(['organizationId'])
@Check(`data_type IN ('SENSOR_TIME_SERIES', 'TABULAR', 'IMAGE', 'TEXT', 'OTHER')`)
export class Dataset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** KSIC code of the industry the data comes from. */
  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  /** The manufacturing process, e.g. 용해·주조. */
  @Column({ type: 'text', nullable: true })
  process: string | null;

  @Column({ type: 'text', nullable: true })
  equipment: string | null;

  @Column({ type: 'text' })
  dataType: DataType;

  @Column({ type: 'timestamptz', nullable: true })
  timeRangeStart: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  timeRangeEnd: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;
}
