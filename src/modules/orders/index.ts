/**
 * What other modules may use of orders/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { OrdersEntities } from './entities.js';
export { OrdersModule } from './orders.module.js';
export { EntitlementReminders } from './entitlement-reminders.service.js';
