import { PaymentEventRecord } from './payment-event.entity.js';

export const PaymentsEntities = [PaymentEventRecord];
