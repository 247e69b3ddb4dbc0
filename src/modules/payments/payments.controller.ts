import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/access.decorators.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { Answers, Refuses } from '../../platform/openapi/answers.js';
import { PaymentPort } from './stripe/payment.port.js';
import { PaymentsHub } from './payments-hub.service.js';

export class WebhookReceipt {
  @ApiProperty() received: boolean;
  @ApiProperty({ description: 'What the event did: paid, ignored (and why), duplicate, …' })
  outcome: string;
}

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly hub: PaymentsHub,
    private readonly payments: PaymentPort,
  ) {}

  @Post('stripe/webhook')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stripe events, verified by signature first; applying one twice changes nothing',
  })
  @Refuses('INVALID_SIGNATURE')
  @Answers(WebhookReceipt)
  async webhook(
    @Req() req: RawBodyRequest<Request>,
    @Headers('stripe-signature') signature?: string,
  ): Promise<WebhookReceipt> {
    let event;
    try {
      event = this.payments.parseWebhook(req.rawBody ?? Buffer.alloc(0), signature);
    } catch {
      throw new DomainError(
        'INVALID_SIGNATURE',
        'The Stripe-Signature header does not match this body; the event was not applied.',
      );
    }
    return { received: true, outcome: await this.hub.onPaymentEvent(event) };
  }
}
