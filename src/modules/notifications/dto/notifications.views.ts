import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from '../kinds.js';
import { PageQuery } from '../../../platform/http/pagination.js';

export class NotificationQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Only those not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'order.sold, order.paid, order.refunded, application.decided, …' })
  kind: string;
  @ApiProperty() titleKo: string;
  @ApiProperty() titleEn: string;
  @ApiProperty({ type: 'string', nullable: true }) bodyKo: string | null;
  @ApiProperty({ type: 'string', nullable: true }) bodyEn: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'A path in the web app' })
  link: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'When it was also sent by e-mail; null: not (yet, or not wanted)',
  })
  emailedAt: Date | null;
}

export class NotificationPageView {
  @ApiProperty({ type: () => [NotificationView] }) items: NotificationView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'Not read yet, in all' }) unread: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}

export class PreferenceDto {
  @ApiProperty({
    example: 'order.sold',
    description: 'A kind from GET /api/me/notification-preferences',
  })
  @IsString()
  @MaxLength(80)
  kind: string;

  @ApiProperty({ enum: NOTIFICATION_CHANNELS })
  @IsIn(NOTIFICATION_CHANNELS)
  channel: NotificationChannel;
}

export class PreferencesDto {
  @ApiProperty({ type: () => [PreferenceDto], description: 'The kinds to change; others stay' })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  items: PreferenceDto[];
}

export class PreferenceView {
  @ApiProperty() kind: string;
  @ApiProperty() labelKo: string;
  @ApiProperty() labelEn: string;
  @ApiProperty({ description: 'Money taken or returned and decisions cannot be switched off' })
  mandatory: boolean;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: NotificationChannel;
}

export class PreferencesView {
  @ApiProperty({ type: () => [PreferenceView] }) items: PreferenceView[];
}
