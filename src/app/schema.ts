/**
 * Every entity and migration, in one list, for the data source, the migration generator and the
 * test that compares them.
 */
import { allMigrations } from '../../migrations/index.js';
import { AccessEntities } from '../modules/access/index.js';
import { AccountsEntities } from '../modules/accounts/index.js';
import { UsageEntities } from '../modules/usage/index.js';
import { ApplicationsEntities } from '../modules/applications/index.js';
import { AuditEntry } from '../modules/audit/index.js';
import { CatalogEntities } from '../modules/catalog/index.js';
import { DatasetsEntities } from '../modules/datasets/index.js';
import { LedgerEntities } from '../modules/ledger/index.js';
import { NotificationsEntities } from '../modules/notifications/index.js';
import { OrganizationsEntities } from '../modules/organizations/index.js';
import { ProcessorsEntities } from '../modules/processors/index.js';
import { OrdersEntities } from '../modules/orders/index.js';
import { PaymentsEntities } from '../modules/payments/index.js';
import { ProcessingProjectsEntities } from '../modules/processing-projects/index.js';
import { ProgramsEntities } from '../modules/programs/index.js';
import { QualityEntities } from '../modules/quality/index.js';
import { VouchersEntities } from '../modules/vouchers/index.js';
import { WebhooksEntities } from '../modules/webhooks/index.js';
import { DomainEventRow, EventDelivery } from '../platform/events/domain-event.entity.js';

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
  ...AccessEntities,
  ...UsageEntities,
  ...VouchersEntities,
  ...OrdersEntities,
  ...PaymentsEntities,
  ...ProcessingProjectsEntities,
  ...NotificationsEntities,
  ...WebhooksEntities,
  DomainEventRow,
  EventDelivery,
];
export const migrations = allMigrations;
export const schema = { entities, migrations };
