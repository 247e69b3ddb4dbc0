import { Module } from '@nestjs/common';
import { VouchersModule } from '../vouchers/vouchers.module.js';
import { DownloadsService } from './downloads.service.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { PayoutsService } from './payouts.service.js';

@Module({
  imports: [VouchersModule],
  controllers: [OrdersController],
  providers: [OrdersService, DownloadsService, PayoutsService],
  exports: [OrdersService],
})
export class OrdersModule {}
