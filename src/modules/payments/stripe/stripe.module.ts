import path from 'node:path';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config.js';
import { PaymentPort } from './payment.port.js';
import { StripeAdapter } from './stripe.adapter.js';
import { StripeEmulator } from './stripe-emulator.js';

/**
 * Payments through Stripe's SDK. With no STRIPE_SECRET_KEY the local emulator is started on
 * STRIPE_EMULATOR_PORT and the SDK pointed at it; main.ts tells it where the webhook is. Only
 * payments/ reaches Stripe: the port is not exported past this module's index.
 */
@Module({
  providers: [
    {
      provide: StripeEmulator,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        if (config.stripe.mode !== 'emulator') return null;
        // Beside an embedded database its PaymentIntents outlive a restart, like the orders they pay.
        const emulator = new StripeEmulator(
          config.stripe.secretKey,
          config.stripe.webhookSecret,
          config.database.mode === 'embedded'
            ? path.join(config.dataDir, 'stripe-emulator.json')
            : undefined,
        );
        const port = await emulator
          .listen(config.stripe.emulatorPort)
          .catch((err: NodeJS.ErrnoException) => {
            if (err.code !== 'EADDRINUSE') throw err;
            throw new Error(
              `STRIPE_EMULATOR_PORT ${config.stripe.emulatorPort} is in use (another instance?); start this one with another STRIPE_EMULATOR_PORT.`,
            );
          });
        config.stripe.emulatorPort = port;
        return emulator;
      },
    },
    {
      provide: PaymentPort,
      inject: [APP_CONFIG, StripeEmulator],
      useFactory: (config: AppConfig, emulator: StripeEmulator | null) =>
        new StripeAdapter({
          secretKey: config.stripe.secretKey,
          webhookSecret: config.stripe.webhookSecret,
          api: emulator
            ? { origin: `http://127.0.0.1:${config.stripe.emulatorPort}`, emulator: true }
            : config.stripe.apiBase
              ? { origin: config.stripe.apiBase, emulator: false }
              : undefined,
        }),
    },
  ],
  exports: [PaymentPort, StripeEmulator],
})
export class StripeModule implements OnApplicationShutdown {
  constructor(@Inject(StripeEmulator) private readonly emulator: StripeEmulator | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.emulator?.close();
  }
}
