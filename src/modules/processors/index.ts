/**
 * What other modules may use of processors/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { capacityOf } from './capacity.js';
export { ProcessorsEntities } from './entities.js';
export { PoolMember } from './pool-member.entity.js';
export { ProcessorsModule } from './processors.module.js';
export { ProcessorsService } from './processors.service.js';
export { TECHNOLOGIES } from './technologies.js';
export type { Technology } from './technologies.js';
