import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Post,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../platform/auth/access.decorators.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { Answers, Refuses } from '../../platform/openapi/answers.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { PaymentPort } from './stripe/payment.port.js';
import { PUBLISHABLE_KEY } from './stripe/stripe-emulator.js';
import { PaymentsHub } from './payments-hub.service.js';

export class WebhookReceipt {
  @ApiProperty() received: boolean;
  @ApiProperty({ description: 'What the event did: paid, ignored (and why), duplicate, …' })
  outcome: string;
}

export class CardStepView {
  @ApiProperty({
    enum: ['stripe', 'emulator'],
    description:
      'stripe: confirm with Stripe.js and the Payment Element; emulator: confirm at emulatorUrl with pm_card_visa or pm_card_chargeDeclined',
  })
  provider: 'stripe' | 'emulator';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null when card payment is not configured (STRIPE_PUBLISHABLE_KEY unset)',
  })
  publishableKey: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where the emulator answers' })
  emulatorUrl: string | null;
}

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly hub: PaymentsHub,
    private readonly payments: PaymentPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('card-step')
  @Public()
  @ApiOperation({
    summary: "How a browser pays a PaymentIntent's client secret: Stripe.js, or the local emulator",
  })
  @Answers(CardStepView)
  cardStep(): CardStepView {
    const { stripe } = this.config;
    return stripe.mode === 'emulator'
      ? {
          provider: 'emulator',
          publishableKey: PUBLISHABLE_KEY,
          emulatorUrl: `http://127.0.0.1:${stripe.emulatorPort}`,
        }
      : { provider: 'stripe', publishableKey: stripe.publishableKey ?? null, emulatorUrl: null };
  }

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
