import { Module } from '@nestjs/common';
import { AccessController } from './access.controller.js';
import { AccessQueries } from './access-queries.service.js';
import { AccessRequestsService } from './access-requests.service.js';

@Module({
  controllers: [AccessController],
  providers: [AccessRequestsService, AccessQueries],
  exports: [AccessRequestsService],
})
export class AccessModule {}
