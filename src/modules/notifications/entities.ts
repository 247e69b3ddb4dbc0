import { Notification } from './notification.entity.js';

export const NotificationsEntities = [Notification];
