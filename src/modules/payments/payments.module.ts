import { Module } from '@nestjs/common';
import { PaymentsController } from './payments.controller.js';
import { PaymentsHub } from './payments-hub.service.js';
import { StripeModule } from './stripe/stripe.module.js';

@Module({
  imports: [StripeModule],
  controllers: [PaymentsController],
  providers: [PaymentsHub],
  exports: [PaymentsHub, StripeModule],
})
export class PaymentsModule {}
