import Stripe from 'stripe';
import {
  type CreatedPayment,
  PaymentPort,
  type PaymentEvent,
  toProviderAmount,
} from './payment.port.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Where the API answers when it is not api.stripe.com: the local emulator or a Stripe-compatible server. */
  api?: { origin: string; emulator: boolean };
}

/** How far a webhook's signed timestamp may be from now, either way (Stripe's default: 5 minutes). */
const WEBHOOK_TOLERANCE_SECONDS = 300;

export class StripeAdapter extends PaymentPort {
  readonly mode: 'stripe' | 'emulator';
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeSettings) {
    super();
    this.mode = settings.api?.emulator ? 'emulator' : 'stripe';
    const api = settings.api && new URL(settings.api.origin);
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(api && {
        host: api.hostname,
        port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
        protocol: api.protocol === 'https:' ? ('https' as const) : ('http' as const),
      }),
    });
  }

  async createPayment(input: {
    reference: Record<string, string>;
    amountKrw: bigint;
    description: string;
    idempotencyKey: string;
  }): Promise<CreatedPayment> {
    const pi = await this.stripe.paymentIntents.create(
      {
        amount: toProviderAmount(input.amountKrw),
        currency: 'krw',
        description: input.description,
        metadata: input.reference,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { paymentIntentId: pi.id, clientSecret: pi.client_secret!, status: pi.status };
  }

  async cancelPayment(paymentIntentId: string, idempotencyKey: string): Promise<void> {
    await this.stripe.paymentIntents.cancel(paymentIntentId, {}, { idempotencyKey });
  }

  async retrievePayment(paymentIntentId: string) {
    try {
      const pi = await this.stripe.paymentIntents.retrieve(paymentIntentId);
      return { status: pi.status as string, amountKrw: BigInt(pi.amount), currency: pi.currency };
    } catch (err) {
      // Unknown to this Stripe account (or to an emulator that restarted): it can never be paid.
      if ((err as { code?: string }).code === 'resource_missing')
        return { status: 'missing', amountKrw: 0n, currency: 'krw' };
      throw err;
    }
  }

  async refund(input: {
    paymentIntentId: string;
    amountKrw: bigint;
    reason: string;
    idempotencyKey: string;
  }) {
    const refund = await this.stripe.refunds.create(
      {
        payment_intent: input.paymentIntentId,
        amount: toProviderAmount(input.amountKrw),
        metadata: { reason: input.reason.slice(0, 500) },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { refundId: refund.id, status: refund.status ?? 'pending' };
  }

  parseWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent {
    if (!signature) throw new Error('no Stripe-Signature header');
    // Stripe's SDK refuses timestamps older than its tolerance; one from the future is as suspect.
    const t = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
    if (!Number.isFinite(t) || t > Date.now() / 1000 + WEBHOOK_TOLERANCE_SECONDS)
      throw new Error('the signature timestamp is in the future');
    const event = this.stripe.webhooks.constructEvent(
      rawBody,
      signature,
      this.settings.webhookSecret,
      WEBHOOK_TOLERANCE_SECONDS,
    );
    const object = event.data.object as unknown as Record<string, unknown>;
    const isCharge = object.object === 'charge';
    const metadata = (object.metadata ?? {}) as Record<string, string>;
    return {
      id: event.id,
      type: event.type,
      paymentIntentId:
        (isCharge ? (object.payment_intent as string) : (object.id as string)) ?? null,
      orderId: metadata.orderId ?? null,
      metadata,
      amountKrw: typeof object.amount === 'number' ? BigInt(object.amount) : null,
      currency: typeof object.currency === 'string' ? object.currency.toLowerCase() : null,
      amountRefundedKrw:
        typeof object.amount_refunded === 'number' ? BigInt(object.amount_refunded) : null,
    };
  }
}
