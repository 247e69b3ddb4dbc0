/**
 * Every entity and migration, in one list, for the data source, the migration generator and the
 * test that compares them.
 */
import { allMigrations } from '../migrations/index.js';
import { AccountsEntities } from './modules/accounts/entities.js';
import { ApplicationsEntities } from './modules/applications/entities.js';
import { AuditEntry } from './modules/audit/audit-entry.entity.js';
import { CatalogEntities } from './modules/catalog/entities.js';
import { DatasetsEntities } from './modules/datasets/entities.js';
import { LedgerEntities } from './modules/ledger/entities.js';
import { OrganizationsEntities } from './modules/organizations/entities.js';
import { ProcessorsEntities } from './modules/processors/entities.js';
import { OrdersEntities } from './modules/orders/entities.js';
import { ProcessingProjectsEntities } from './modules/processing-projects/entities.js';
import { ProgramsEntities } from './modules/programs/entities.js';
import { QualityEntities } from './modules/quality/entities.js';
import { VouchersEntities } from './modules/vouchers/entities.js';
import { DomainEventRow, EventDelivery } from './platform/events/domain-event.entity.js';

export const entities = [
  ...AccountsEntities,
  ...OrganizationsEntities,
  AuditEntry,
  ...LedgerEntities,
  ...ProgramsEntities,
  ...ApplicationsEntities,
  ...ProcessorsEntities,
  ...DatasetsEntities,
  ...QualityEntities,
  ...CatalogEntities,
  ...VouchersEntities,
  ...OrdersEntities,
  ...ProcessingProjectsEntities,
  DomainEventRow,
  EventDelivery,
];
export const migrations = allMigrations;
