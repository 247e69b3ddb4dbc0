/**
 * What other modules may use of organizations/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { OrganizationsEntities } from './entities.js';
export { ExcludedIndustriesService } from './excluded-industries.service.js';
export { ORGANIZATION_CATEGORIES, Organization } from './organization.entity.js';
export type { OrganizationCategory } from './organization.entity.js';
export { OrganizationsModule } from './organizations.module.js';
export { OrganizationsService } from './organizations.service.js';
export { describeLinks } from './related-parties.js';
export type { PartyFacts } from './related-parties.js';
export { FACTS, RelatedParties } from './related-parties.service.js';
export { Standing } from './standing.service.js';
