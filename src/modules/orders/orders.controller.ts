import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Authenticated,
  CurrentUser,
  OrgRole,
  Roles,
} from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { RequiredReasonDto } from '../../platform/http/reason.dto.js';
import { DownloadsService } from './downloads.service.js';
import {
  CreateOrderDto,
  DownloadQueryDto,
  EntitlementQueryDto,
  OrderQueryDto,
  OrganizationOrdersQuery,
  PayoutDto,
  QuoteDto,
} from './dto/order.dto.js';
import { PayoutsService } from './payouts.service.js';
import { CheckoutService } from './checkout.service.js';
import { OrderQueries } from './order-queries.service.js';
import { OrdersService } from './orders.service.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { Answers, AnswersCreated, AnswersPage, Refuses } from '../../platform/openapi/answers.js';
import {
  DownloadView,
  EntitlementView,
  OperatorOrderView,
  OrderView,
  OwedSellerView,
  PayoutSummaryView,
  QuoteView,
} from './dto/orders.views.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

@ApiTags('checkout')
@Controller()
export class OrdersController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly queries: OrderQueries,
    private readonly orders: OrdersService,
    private readonly downloads: DownloadsService,
    private readonly payouts: PayoutsService,
  ) {}

  @Post('orders/quote')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({
    summary: "The split of a price: the voucher's part and the buyer's (no side effects)",
  })
  @Refuses('ACCESS_NOT_APPROVED', 'NOT_PURCHASABLE', 'RELATED_PARTY')
  @Answers(QuoteView)
  quote(@Body() dto: QuoteDto, @CurrentUser() user: Principal) {
    return this.checkout.quote(dto, user);
  }

  @Post('orders')
  @OrgRole('member', 'body:organizationId')
  @ApiBearerAuth()
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: 'A repeat with the same key answers the same order',
  })
  @ApiOperation({
    summary:
      "Order a product, reserving the voucher's part; answers Stripe's client secret for the buyer's share, or PAID when it is 0",
  })
  @Refuses(
    'ACCESS_NOT_APPROVED',
    'ALREADY_ENTITLED',
    'NOT_PURCHASABLE',
    'ORDER_IN_PROGRESS',
    'ORGANIZATION_NOT_VERIFIED',
    'PAYMENT_PROVIDER_UNAVAILABLE',
    'PRICE_CHANGED',
    'RELATED_PARTY',
    'VOUCHER_EXHAUSTED',
    'VOUCHER_EXPIRED',
  )
  @AnswersCreated(OrderView)
  create(
    @Body() dto: CreateOrderDto,
    @CurrentUser() user: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw new DomainError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 8 to 200 letters, digits or ._:- characters.',
      );
    return this.checkout.create(dto, user.id, idempotencyKey);
  }

  @Get('orders')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every order, newest first, filtered by status (operators)' })
  @AnswersPage(OperatorOrderView)
  listAll(@Query() query: OrderQueryDto) {
    return this.queries.listAll(query);
  }

  @Get('payouts/owed')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sellers owed money for paid orders, most owed first (operators)' })
  @AnswersPage(OwedSellerView)
  owed(@Query() query: PageQuery) {
    return this.payouts.owedSellers(query);
  }

  @Get('orders/:id')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'An order (buyer, seller, operators)' })
  @Answers(OrderView)
  get(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.queries.get(id, user);
  }

  @Get('organizations/:id/orders')
  @Roles('operator')
  @OrgRole('member')
  @ApiBearerAuth()
  @ApiOperation({ summary: "An organization's orders as buyer and as seller, newest first" })
  @AnswersPage(OrderView)
  list(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: OrganizationOrdersQuery,
    @CurrentUser() user: Principal,
  ) {
    return this.queries.listForOrganization(id, user, query);
  }

  @Get('organizations/:id/payouts')
  @Roles('operator')
  @OrgRole('member')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'What a seller is owed for paid orders, and what was paid out' })
  @Answers(PayoutSummaryView)
  payoutSummary(@Param('id', ParseUuidPipe) id: string) {
    return this.payouts.summary(id);
  }

  @Post('organizations/:id/payouts')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record a payout to a seller, never more than it is owed (operators)' })
  @Refuses('CONFLICT', 'ORGANIZATION_NOT_VERIFIED', 'RELATED_PARTY', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(PayoutSummaryView)
  payout(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: PayoutDto,
    @CurrentUser() user: Principal,
  ) {
    return this.payouts.record(id, BigInt(dto.amountKrw), dto.reference, user);
  }

  @Post('orders/:id/cancel')
  @OrgRole('member', 'order:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Cancel before payment; the voucher gets its part back (buyer)' })
  @Refuses('INVALID_TRANSITION')
  @AnswersCreated(OrderView)
  cancel(@Param('id', ParseUuidPipe) id: string) {
    return this.orders.cancel(id);
  }

  @Post('orders/:id/refund')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Refund the buyer's share through Stripe, give the voucher its part back, revoke the entitlement (operators)",
  })
  @AnswersCreated(OrderView)
  @Refuses('INVALID_TRANSITION', 'PAYMENT_PROVIDER_UNAVAILABLE', 'CONFLICT_OF_INTEREST')
  refund(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RequiredReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.orders.refund(id, dto.reason, user);
  }

  @Get('entitlements')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'What an organization may download, and until when' })
  @AnswersPage(EntitlementView)
  entitlements(@Query() query: EntitlementQueryDto, @CurrentUser() user: Principal) {
    return this.queries.entitlements(user.actingFor(query.organizationId), query);
  }

  @Get('products/:id/download')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Short-lived presigned URLs of the entitled version's files, with their SHA-256",
  })
  @Refuses('NOT_ENTITLED')
  @Answers(DownloadView)
  download(
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: DownloadQueryDto,
    @CurrentUser() user: Principal,
  ) {
    return this.downloads.download(
      id,
      user.actingFor(query.organizationId),
      user.id,
      query.version,
    );
  }
}
