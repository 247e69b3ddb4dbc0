import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { Answers, AnswersCreated, Refuses } from '../../platform/openapi/answers.js';
import {
  NotificationPageView,
  NotificationQueryDto,
  NotificationView,
  PreferencesDto,
  PreferencesView,
} from './dto/notifications.views.js';
import { NotificationsService } from './notifications.service.js';

class MarkedView {
  @ApiProperty({ type: 'integer' }) marked: number;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your notifications, newest first, with the unread count' })
  @Answers(NotificationPageView)
  inbox(@Query() query: NotificationQueryDto, @CurrentUser() user: Principal) {
    return this.notifications.inbox(user.id, query);
  }

  @Post('read-all')
  @Authenticated()
  @ApiOperation({ summary: 'Mark every notification read' })
  @AnswersCreated(MarkedView)
  readAll(@CurrentUser() user: Principal) {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @Authenticated()
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @AnswersCreated(NotificationView)
  read(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.notifications.markRead(user.id, id);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'How you hear of each kind: OFF, IN_APP or IN_APP_AND_EMAIL' })
  @Answers(PreferencesView)
  get(@CurrentUser() user: Principal) {
    return this.notifications.preferences(user.id);
  }

  @Put()
  @Authenticated()
  @ApiOperation({
    summary: 'Change how you hear of some kinds; mandatory kinds refuse anything but e-mail',
  })
  @Answers(PreferencesView)
  @Refuses('NOTIFICATION_MANDATORY')
  put(@Body() dto: PreferencesDto, @CurrentUser() user: Principal) {
    return this.notifications.setPreferences(user.id, dto);
  }
}
