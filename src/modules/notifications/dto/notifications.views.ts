import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
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
}

export class NotificationPageView {
  @ApiProperty({ type: () => [NotificationView] }) items: NotificationView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'Not read yet, in all' }) unread: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
}
