import { NotificationPreference } from './notification-preference.entity.js';
import { Notification } from './notification.entity.js';

export const NotificationsEntities = [Notification, NotificationPreference];
