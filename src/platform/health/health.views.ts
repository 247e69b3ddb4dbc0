import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthProbeView {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer' }) latencyMs: number;
  @ApiPropertyOptional({ description: 'The kind of failure, when ok is false' }) error?: string;
  @ApiProperty({ enum: ['embedded', 'external'] }) mode: string;
}

export class HealthStorageView extends HealthProbeView {
  @ApiProperty() bucket: string;
}

export class HealthView {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: string;
  @ApiProperty({ type: HealthProbeView }) database: HealthProbeView;
  @ApiProperty({ type: HealthStorageView }) storage: HealthStorageView;
}
