/**
 * What other modules may use of ledger/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { LedgerEntities } from './entities.js';
export { LedgerModule } from './ledger.module.js';
export { LedgerService } from './ledger.service.js';
export type { Posting } from './ledger.service.js';
