/**
 * Every entity and migration, in one list, for the data source, the migration generator and the
 * test that compares them.
 */
import { allMigrations } from '../migrations/index.js';
import { AccountsEntities } from './modules/accounts/entities.js';
import { AuditEntry } from './modules/audit/audit-entry.entity.js';
import { OrganizationsEntities } from './modules/organizations/entities.js';

export const entities = [...AccountsEntities, ...OrganizationsEntities, AuditEntry];
export const migrations = allMigrations;
