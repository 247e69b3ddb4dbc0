import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, OrgRole, Public } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { Answers, AnswersCreated, AnswersPage, Refuses } from '../../platform/openapi/answers.js';
import {
  CreateEndpointDto,
  DeliveryView,
  EndpointListView,
  EndpointView,
  EndpointWithSecretView,
  RedeliveryView,
  UpdateEndpointDto,
  WebhookEventTypesView,
} from './dto/webhooks.dto.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

@ApiTags('webhooks')
@Controller('webhook-event-types')
export class WebhookEventTypesController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The event types an endpoint can subscribe to' })
  @Answers(WebhookEventTypesView)
  list() {
    return this.endpoints.eventTypes();
  }
}

/**
 * An organization's outbound webhooks, for its admins. Deliveries are POSTs of
 * `{id, type, createdAt, data}` signed with `Exchange-Signature: t=…,v1=…` (README).
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('organizations/:id/webhook-endpoints')
export class WebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @OrgRole('admin')
  @ApiOperation({ summary: 'Register an endpoint; its signing secret is in this answer only' })
  @AnswersCreated(EndpointWithSecretView)
  @Refuses('WEBHOOK_URL_REFUSED', 'CONFLICT')
  create(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: CreateEndpointDto,
    @CurrentUser() user: Principal,
  ) {
    return this.endpoints.create(id, dto, user.id);
  }

  @Get()
  @OrgRole('admin')
  @ApiOperation({ summary: "The organization's endpoints (never their secrets)" })
  @Answers(EndpointListView)
  list(@Param('id', ParseUuidPipe) id: string) {
    return this.endpoints.list(id);
  }

  @Patch(':endpointId')
  @OrgRole('admin')
  @ApiOperation({ summary: 'Change the URL, events or description; enable or disable it' })
  @Answers(EndpointView)
  @Refuses('WEBHOOK_URL_REFUSED')
  update(
    @Param('id', ParseUuidPipe) id: string,
    @Param('endpointId', ParseUuidPipe) endpointId: string,
    @Body() dto: UpdateEndpointDto,
  ) {
    return this.endpoints.update(id, endpointId, dto);
  }

  @Delete(':endpointId')
  @OrgRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint and its delivery log' })
  async remove(
    @Param('id', ParseUuidPipe) id: string,
    @Param('endpointId', ParseUuidPipe) endpointId: string,
  ) {
    await this.endpoints.remove(id, endpointId);
  }

  @Post(':endpointId/rotate-secret')
  @OrgRole('admin')
  @ApiOperation({
    summary: 'A new signing secret, shown once; the old one still signs for 24 hours',
  })
  @AnswersCreated(EndpointWithSecretView)
  rotate(
    @Param('id', ParseUuidPipe) id: string,
    @Param('endpointId', ParseUuidPipe) endpointId: string,
  ) {
    return this.endpoints.rotate(id, endpointId);
  }

  @Get(':endpointId/deliveries')
  @OrgRole('admin')
  @ApiOperation({ summary: 'The delivery log: each event sent, its attempts, answers and timing' })
  @AnswersPage(DeliveryView)
  deliveries(
    @Param('id', ParseUuidPipe) id: string,
    @Param('endpointId', ParseUuidPipe) endpointId: string,
    @Query() query: PageQuery,
  ) {
    return this.endpoints.deliveries(id, endpointId, query);
  }

  @Post(':endpointId/deliveries/:deliveryId/redeliver')
  @OrgRole('admin')
  @ApiOperation({ summary: 'Send a delivery again now, with the same event id' })
  @AnswersCreated(RedeliveryView)
  redeliver(
    @Param('id', ParseUuidPipe) id: string,
    @Param('endpointId', ParseUuidPipe) endpointId: string,
    @Param('deliveryId', ParseUuidPipe) deliveryId: string,
  ) {
    return this.endpoints.redeliver(id, endpointId, deliveryId);
  }
}
