import { QualityReport } from './quality-report.entity.js';

export const QualityEntities = [QualityReport];
