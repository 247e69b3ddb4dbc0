/**
 * What other modules may use of audit/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { AuditEntry } from './audit-entry.entity.js';
export { AuditModule } from './audit.module.js';
export { AuditService } from './audit.service.js';
