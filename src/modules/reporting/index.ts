/**
 * What other modules may use of reporting/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { ReportingModule } from './reporting.module.js';
