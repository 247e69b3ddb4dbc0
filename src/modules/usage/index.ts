/**
 * What other modules may use of usage/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { UsageEntities } from './entities.js';
export { UsageModule } from './usage.module.js';
export { UsageCounter } from './usage-counter.js';
export type { UsageKind } from './usage-counter.js';
