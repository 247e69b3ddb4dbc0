import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../platform/errors/domain-error.js';
import { Order } from './order.entity.js';
import { OrdersService } from './orders.service.js';
import { PaymentsHub } from '../payments/index.js';
/** An order's PaymentIntent at Stripe: created once (its idempotency key is the order's) and recorded. */
@Injectable()
export class OrderIntents {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly orders: OrdersService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hub: PaymentsHub,
  ) {}

  /** Creates the order's PaymentIntent and records it: the order as it now is. */
  async start(order: Order): Promise<Order> {
    try {
      const payment = await this.hub.startPayment({
        reference: { orderId: order.id },
        amountKrw: order.buyerKrw,
        description: order.productTitle,
        idempotencyKey: `order-${order.id}`,
      });
      const recorded = {
        paymentIntentId: payment.paymentIntentId,
        clientSecret: payment.clientSecret,
      };
      await this.dataSource.getRepository(Order).update({ id: order.id }, recorded);
      // The row as written, without reading it back (updated_at is the server's clock, this is ours).
      return Object.assign(order, recorded, { updatedAt: new Date() });
    } catch (err) {
      this.logger.error({ err, orderId: order.id }, 'could not start the payment');
      await this.orders.close(order.id, 'the payment provider could not be reached');
      throw new DomainError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'The card payment could not be started; nothing was reserved. Try again in a moment.',
      );
    }
  }
}
