import { ApiProperty } from '@nestjs/swagger';

export class ProcessorView {
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'string' }) summary: string;
  @ApiProperty({ type: 'integer' }) staffCount: number;
  @ApiProperty({ type: 'string', isArray: true }) technologies: string[];
  @ApiProperty({ type: 'string', isArray: true }) industries: string[];
  @ApiProperty({ type: 'string', isArray: true }) references: string[];
  @ApiProperty({ type: 'string', nullable: true }) region: string | null;
  @ApiProperty({ type: 'integer' }) projectsDone: number;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ type: 'string' }) status: string;
  @ApiProperty({ type: 'string', nullable: true }) suspendedReason: string | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'What the processor stated; null: the platform limit',
  })
  statedCapacity: number | null;
  @ApiProperty({
    type: 'integer',
    description: 'Projects it takes at once (its own figure, capped by the platform)',
  })
  capacity: number;
  @ApiProperty({ type: 'integer', description: 'Processing projects in progress' })
  openProjects: number;
  @ApiProperty({ type: 'integer' }) freeSlots: number;
}
