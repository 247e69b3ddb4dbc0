/**
 * What other modules may use of notifications/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { NotificationsEntities } from './entities.js';
export { NotificationsModule } from './notifications.module.js';
