/**
 * What other modules may use of quality/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { QualityEntities } from './entities.js';
export { QualityReportView, QualitySummaryView, ScorePartView } from './quality-report.dto.js';
export type { QualityReport } from './quality-report.entity.js';
export { qualityReportView } from './quality-report.view.js';
export { QualityModule } from './quality.module.js';
export { QualityService } from './quality.service.js';
export type { DeclaredColumn } from './report.types.js';
