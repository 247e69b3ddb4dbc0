import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';

export class CreateEndpointDto {
  @ApiProperty({
    example: 'https://erp.example.kr/hooks/exchange',
    description: 'HTTPS; http://127.0.0.1 only outside production',
  })
  @IsString()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ type: [String], example: ['order.paid', 'product.revised'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  events: string[];

  @ApiPropertyOptional({ example: 'ERP 주문 연동' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class UpdateEndpointDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) url?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  events?: string[];

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;

  @ApiPropertyOptional({ description: 'true switches a disabled endpoint back on; false off' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEventTypeView {
  @ApiProperty() type: string;
  @ApiProperty() labelKo: string;
  @ApiProperty() labelEn: string;
}

export class WebhookEventTypesView {
  @ApiProperty({ type: () => [WebhookEventTypeView] }) items: WebhookEventTypeView[];
}

export class EndpointView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) events: string[];
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'DISABLED'] }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) disabledAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) disabledReason: string | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Until when the secret before the last rotation still signs',
  })
  previousSecretUntil: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

export class EndpointWithSecretView extends EndpointView {
  @ApiProperty({ description: 'The signing secret: shown this once, keep it' }) secret: string;
}

export class EndpointListView {
  @ApiProperty({ type: () => [EndpointView] }) items: EndpointView[];
}

export class AttemptView {
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
  @ApiProperty({ description: 'Asked for by a person (redeliver)' }) manual: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) statusCode: number | null;
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiProperty({ type: 'string', nullable: true }) error: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'The first 1 KB of the answer' })
  responseBody: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'The Exchange-Signature sent' })
  signature: string | null;
}

export class DeliveryView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The event id: the same on every attempt; deduplicate on it' })
  eventId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED'] }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) nextAttemptAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ type: 'string', nullable: true }) lastError: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) deliveredAt: Date | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The body sent: {id, type, createdAt, data}',
  })
  request: object;
  @ApiProperty({ type: () => [AttemptView] }) log: AttemptView[];
}

export class RedeliveryView {
  @ApiProperty() queued: boolean;
  @ApiProperty({ type: 'string', format: 'uuid' }) deliveryId: string;
}
