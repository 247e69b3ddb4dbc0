import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { CatalogModule } from './modules/catalog/catalog.module.js';
import { DatasetsModule } from './modules/datasets/datasets.module.js';
import { LedgerModule } from './modules/ledger/ledger.module.js';
import { OrdersModule } from './modules/orders/orders.module.js';
import { ProcessingProjectsModule } from './modules/processing-projects/processing-projects.module.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';
import { ProcessorsModule } from './modules/processors/processors.module.js';
import { ProgramsModule } from './modules/programs/programs.module.js';
import { QualityModule } from './modules/quality/quality.module.js';
import { ReportingModule } from './modules/reporting/reporting.module.js';
import { VouchersModule } from './modules/vouchers/vouchers.module.js';
import { AuthModule } from './platform/auth/auth.module.js';
import type { AppConfig } from './platform/config/config.js';
import { ConfigModule } from './platform/config/config.module.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { EventsModule } from './platform/events/events.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { JobsModule } from './platform/jobs/jobs.module.js';
import { LoggingModule } from './platform/logging/logging.module.js';
import { PaymentsModule } from './platform/payments/payments.module.js';
import { StorageModule } from './platform/storage/storage.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        StorageModule,
        JobsModule,
        EventsModule,
        PaymentsModule,
        AuthModule,
        AuditModule,
        AccountsModule,
        OrganizationsModule,
        LedgerModule,
        ProgramsModule,
        ProcessorsModule,
        ApplicationsModule,
        DatasetsModule,
        QualityModule,
        CatalogModule,
        VouchersModule,
        OrdersModule,
        ProcessingProjectsModule,
        ReportingModule,
        HealthModule,
      ],
    };
  }
}
