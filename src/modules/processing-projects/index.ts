/**
 * What other modules may use of processing-projects/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { ProcessingProjectsEntities } from './entities.js';
export { ProcessingProjectsModule } from './processing-projects.module.js';
