import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhookRetention } from './webhook-retention.service.js';
import { WebhookEventTypesController, WebhooksController } from './webhooks.controller.js';

@Module({
  controllers: [WebhookEventTypesController, WebhooksController],
  providers: [WebhookEndpointsService, WebhookDispatcher, WebhookRetention],
})
export class WebhooksModule {}
