import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A link between two organizations that an operator recorded (a parent company, shared owners,
 * family ties): it makes them related parties like the links found from their data.
 */
@Entity('organization_links')
@Check(`organization_id <> linked_organization_id`)
@Index(['organizationId', 'linkedOrganizationId'], { unique: true })
@Index(['linkedOrganizationId'])
export class OrganizationLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  linkedOrganizationId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
