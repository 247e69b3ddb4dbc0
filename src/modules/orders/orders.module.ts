import { Module } from '@nestjs/common';
import { VouchersModule } from '../vouchers/index.js';
import { DownloadsService } from './downloads.service.js';
import { OrdersController } from './orders.controller.js';
import { OrderBooks } from './order-books.service.js';
import { OrdersService } from './orders.service.js';
import { PaymentEventsService } from './payment-events.service.js';
import { PayoutsService } from './payouts.service.js';

@Module({
  imports: [VouchersModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrderBooks, PaymentEventsService, DownloadsService, PayoutsService],
  exports: [OrdersService, PaymentEventsService],
})
export class OrdersModule {}
