/**
 * What other modules may use of webhooks/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { WebhooksEntities } from './entities.js';
export { WebhooksModule } from './webhooks.module.js';
export { verifySignature } from './signature.js';
