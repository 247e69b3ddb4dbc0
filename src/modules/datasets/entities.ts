import { DatasetFile } from './dataset-file.entity.js';
import { DatasetVersion } from './dataset-version.entity.js';
import { Dataset } from './dataset.entity.js';

export const DatasetsEntities = [Dataset, DatasetVersion, DatasetFile];
