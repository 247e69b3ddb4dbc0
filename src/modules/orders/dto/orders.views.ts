import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { krw } from '../../../platform/money/won.js';
import { type Order, ORDER_STATUSES, type OrderStatus } from '../order.entity.js';

export class DownloadFileView {
  @ApiProperty({ type: 'string' }) name: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ type: 'string' }) sha256: string;
  @ApiProperty({ type: 'string' }) contentType: string;
  @ApiProperty({ type: 'string' }) url: string;
}

export class DownloadView {
  @ApiProperty({ type: 'string', format: 'uuid' }) productId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer' }) expiresInSeconds: number;
  @ApiProperty({ type: () => [DownloadFileView] }) files: DownloadFileView[];
}

export class EntitlementView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) productId: string;
  @ApiProperty({ type: 'string' }) title: string;
  @ApiProperty({ type: 'integer' }) versionBought: number;
  @ApiProperty({ type: 'integer' }) latestVersion: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) grantedAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) validUntil: Date;
  @ApiProperty({ type: 'string', format: 'uuid' }) orderId: string;
  @ApiProperty({ type: 'string' }) license: string;
}

export class PayoutSummaryPayoutView {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string' }) reference: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
  @ApiProperty({ type: 'integer' }) amountKrw: number;
}

export class OwedSellerView {
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: 'integer', description: 'Owed for paid orders, not yet paid out' })
  owedKrw: number;
  @ApiProperty({ type: 'integer' }) paidOutKrw: number;
}

export class PayoutSummaryView {
  @ApiProperty({ type: 'string', format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: 'integer' }) owedKrw: number;
  @ApiProperty({ type: 'integer' }) paidOutKrw: number;
  @ApiProperty({ type: () => [PayoutSummaryPayoutView] }) payouts: PayoutSummaryPayoutView[];
}

export class QuoteView {
  @ApiProperty({ type: 'string', format: 'uuid' }) productId: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) voucherId: string | null;
  @ApiProperty({ type: 'integer' }) rateBp: number;
  @ApiProperty({ type: 'integer' }) voucherBalanceKrw: number;
  @ApiProperty({ type: 'integer' }) voucherKrw: number;
  @ApiProperty({ type: 'integer' }) buyerKrw: number;
  @ApiProperty({ type: 'integer' }) supplyKrw: number;
  @ApiProperty({ type: 'integer' }) vatKrw: number;
}

export class OrderPaymentView {
  @ApiProperty() paymentIntentId: string;
  @ApiPropertyOptional({
    description:
      "Confirms the buyer's share with Stripe; only to the buyer's members, while payable",
  })
  clientSecret?: string;
}

export class OrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) buyerOrganizationId: string;
  @ApiProperty({ format: 'uuid' }) sellerOrganizationId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid', description: 'The product version bought' }) versionId: string;
  @ApiProperty() productTitle: string;
  @ApiProperty() licenceCode: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) voucherId: string | null;
  @ApiProperty({ type: 'integer', description: "The voucher's part" }) voucherKrw: number;
  @ApiProperty({ type: 'integer', description: "The buyer's own share" }) buyerKrw: number;
  @ApiProperty({ type: 'integer', description: 'Price without VAT' }) supplyKrw: number;
  @ApiProperty({ type: 'integer' }) vatKrw: number;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: 'Unpaid orders close then',
  })
  expiresAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) paidAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) closeReason: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
  @ApiProperty({ type: OrderPaymentView, nullable: true }) payment: OrderPaymentView | null;
}

/** An order in the operator's list, with its parties' names. */
export class OperatorOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productTitle: string;
  @ApiProperty({ format: 'uuid' }) buyerOrganizationId: string;
  @ApiProperty() buyerName: string;
  @ApiProperty({ format: 'uuid' }) sellerOrganizationId: string;
  @ApiProperty() sellerName: string;
  @ApiProperty({ type: 'integer' }) priceKrw: number;
  @ApiProperty({ type: 'integer' }) voucherKrw: number;
  @ApiProperty({ type: 'integer' }) buyerKrw: number;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) paidAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) closeReason: string | null;
}

/** An order as an answer; the client secret only when `withSecret` (the buyer, while payable). */
export function orderView(o: Order, withSecret: boolean): OrderView {
  return {
    id: o.id,
    buyerOrganizationId: o.buyerOrganizationId,
    sellerOrganizationId: o.sellerOrganizationId,
    productId: o.productId,
    versionId: o.versionId,
    productTitle: o.productTitle,
    licenceCode: o.licenceCode,
    priceKrw: krw(o.priceKrw),
    voucherId: o.voucherId,
    voucherKrw: krw(o.voucherKrw),
    buyerKrw: krw(o.buyerKrw),
    supplyKrw: krw(o.supplyKrw),
    vatKrw: krw(o.vatKrw),
    status: o.status,
    expiresAt: o.expiresAt,
    paidAt: o.paidAt,
    closedAt: o.closedAt,
    closeReason: o.closeReason,
    createdBy: o.createdBy,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    payment: !o.paymentIntentId
      ? null
      : withSecret && o.status === 'AWAITING_PAYMENT' && o.clientSecret
        ? { paymentIntentId: o.paymentIntentId, clientSecret: o.clientSecret }
        : { paymentIntentId: o.paymentIntentId },
  };
}
