import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from '../modules/accounts/index.js';
import { ApplicationsModule } from '../modules/applications/index.js';
import { AuditModule } from '../modules/audit/index.js';
import { AccessModule } from '../modules/access/index.js';
import { CatalogModule } from '../modules/catalog/index.js';
import { UsageModule } from '../modules/usage/index.js';
import { DatasetsModule } from '../modules/datasets/index.js';
import { LedgerModule } from '../modules/ledger/index.js';
import { NotificationsModule } from '../modules/notifications/index.js';
import { OrdersModule } from '../modules/orders/index.js';
import { PaymentsModule } from '../modules/payments/index.js';
import { ProcessingProjectsModule } from '../modules/processing-projects/index.js';
import { OrganizationsModule } from '../modules/organizations/index.js';
import { ProcessorsModule } from '../modules/processors/index.js';
import { ProgramsModule } from '../modules/programs/index.js';
import { QualityModule } from '../modules/quality/index.js';
import { ReportingModule } from '../modules/reporting/index.js';
import { VouchersModule } from '../modules/vouchers/index.js';
import { WebhooksModule } from '../modules/webhooks/index.js';
import { AuthModule } from '../platform/auth/auth.module.js';
import type { AppConfig } from '../platform/config/config.js';
import { ConfigModule } from '../platform/config/config.module.js';
import { schema } from './schema.js';
import { DatabaseModule } from '../platform/database/database.module.js';
import { EventsModule } from '../platform/events/events.module.js';
import { HealthModule } from '../platform/health/health.module.js';
import { JobsModule } from '../platform/jobs/jobs.module.js';
import { LoggingModule } from '../platform/logging/logging.module.js';
import { MailModule } from '../platform/mail/mail.module.js';
import { StorageModule } from '../platform/storage/storage.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule.forRoot(schema),
        StorageModule,
        JobsModule,
        EventsModule,
        MailModule,
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
        AccessModule,
        UsageModule,
        VouchersModule,
        PaymentsModule,
        OrdersModule,
        ProcessingProjectsModule,
        ReportingModule,
        NotificationsModule,
        WebhooksModule,
        HealthModule,
      ],
    };
  }
}
