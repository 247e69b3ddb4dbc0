/**
 * What other modules may use of programs/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { ProgramsEntities } from './entities.js';
export { defaultTerms, moneyTermsFor } from './program-terms.js';
export type { MoneyTerms, ProgramKind, ProgramTerms } from './program-terms.js';
export { applicationWindow, fitsInMonths } from './program-window.js';
export { Program } from './program.entity.js';
export { ProgramsModule } from './programs.module.js';
export { ProgramsService } from './programs.service.js';
