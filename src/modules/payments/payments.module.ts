import { Module } from '@nestjs/common';
import { PaymentsController } from './payments.controller.js';
import { PaymentsHub } from './payments-hub.service.js';

@Module({
  controllers: [PaymentsController],
  providers: [PaymentsHub],
  exports: [PaymentsHub],
})
export class PaymentsModule {}
