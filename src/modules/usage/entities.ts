import { ProductUsageMonth } from './usage.entity.js';

export const UsageEntities = [ProductUsageMonth];
