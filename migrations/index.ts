// Every migration in order. `npm run migration:generate -- Name` adds new ones here.
import { Initial1795636412756 } from './1795636412756-Initial.js';
import { AuditAppendOnlyAndExcludedIndustries1795636500000 } from './1795636500000-AuditAppendOnlyAndExcludedIndustries.js';
export const allMigrations: (new () => object)[] = [
  Initial1795636412756,
  AuditAppendOnlyAndExcludedIndustries1795636500000,
];
