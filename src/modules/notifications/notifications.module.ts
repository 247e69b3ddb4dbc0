import { Module } from '@nestjs/common';
import { AccessNotes } from './access-notes.js';
import { EventNotes } from './event-notes.service.js';
import {
  NotificationPreferencesController,
  NotificationsController,
} from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { Notifier } from './notifier.service.js';

@Module({
  controllers: [NotificationsController, NotificationPreferencesController],
  providers: [NotificationsService, Notifier, EventNotes, AccessNotes],
})
export class NotificationsModule {}
