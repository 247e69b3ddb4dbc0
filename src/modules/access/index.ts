/**
 * What other modules may use of access/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { AccessEntities } from './entities.js';
export { AccessModule } from './access.module.js';
export { AccessRequestsService } from './access-requests.service.js';
