/**
 * What other modules may use of datasets/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { DatasetFile } from './dataset-file.entity.js';
export { DatasetVersion } from './dataset-version.entity.js';
export { DATA_TYPE_NAMES, DATA_TYPES, Dataset } from './dataset.entity.js';
export type { DataType } from './dataset.entity.js';
export { DatasetsModule } from './datasets.module.js';
export { DatasetsService } from './datasets.service.js';
export { DatasetsEntities } from './entities.js';
