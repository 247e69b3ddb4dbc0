import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/index.js';
import { VouchersController } from './vouchers.controller.js';
import { VouchersService } from './vouchers.service.js';
import { VoucherMoney } from './voucher-money.service.js';

@Module({
  imports: [ApplicationsModule],
  controllers: [VouchersController],
  providers: [VouchersService, VoucherMoney],
  exports: [VouchersService, VoucherMoney],
})
export class VouchersModule {}
