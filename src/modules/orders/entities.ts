import { Download, Entitlement } from './entitlement.entity.js';
import { Order } from './order.entity.js';

export const OrdersEntities = [Order, Entitlement, Download];
