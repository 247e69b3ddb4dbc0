/**
 * What other modules may use of applications/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { AgreementSeams } from './agreement-seams.js';
export { Agreement } from './agreement.entity.js';
export { AgreementsService } from './agreements.service.js';
export { ApplicationLifecycle } from './application-lifecycle.js';
export { ApplicationsModule } from './applications.module.js';
export { AgreementView, agreementView } from './dto/applications.views.js';
export { ApplicationsEntities } from './entities.js';
