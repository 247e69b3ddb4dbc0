import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entities.js';

export const WebhooksEntities = [WebhookEndpoint, WebhookDelivery, WebhookAttempt];
