import { Module } from '@nestjs/common';
import { AccessModule } from '../access/index.js';
import { VouchersModule } from '../vouchers/index.js';
import { DownloadsService } from './downloads.service.js';
import { OrdersController } from './orders.controller.js';
import { OrderBooks } from './order-books.service.js';
import { CheckoutService } from './checkout.service.js';
import { OrderIntents } from './order-intents.service.js';
import { OrderQueries } from './order-queries.service.js';
import { SaleRules } from './sale-rules.js';
import { OrdersService } from './orders.service.js';
import { OrderPayments } from './order-payments.service.js';
import { PaymentsModule } from '../payments/index.js';
import { PayoutsService } from './payouts.service.js';
import { EntitlementReminders } from './entitlement-reminders.service.js';

@Module({
  imports: [VouchersModule, PaymentsModule, AccessModule],
  controllers: [OrdersController],
  providers: [
    OrdersService,
    CheckoutService,
    SaleRules,
    OrderIntents,
    OrderQueries,
    OrderBooks,
    OrderPayments,
    DownloadsService,
    PayoutsService,
    EntitlementReminders,
  ],
  exports: [OrdersService],
})
export class OrdersModule {}
