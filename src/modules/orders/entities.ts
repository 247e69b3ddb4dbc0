import { Download, Entitlement } from './entitlement.entity.js';
import { Order } from './order.entity.js';
import { PaymentEventRecord } from './payment-event.entity.js';

export const OrdersEntities = [Order, PaymentEventRecord, Entitlement, Download];
