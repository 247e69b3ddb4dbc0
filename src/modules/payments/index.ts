/**
 * What other modules may use of payments/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { PaymentsEntities } from './entities.js';
export { PaymentsModule } from './payments.module.js';
export { PaymentsHub } from './payments-hub.service.js';
export type { Applied, Claim, PayableKind, Waiting } from './payments-hub.service.js';
export { amountMismatch } from './stripe/payment.port.js';
export type { PaymentEvent } from './stripe/payment.port.js';
export { StripeEmulator } from './stripe/stripe-emulator.js';
