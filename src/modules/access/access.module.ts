import { Module } from '@nestjs/common';
import { AccessController } from './access.controller.js';
import { AccessRequestsService } from './access-requests.service.js';

@Module({
  controllers: [AccessController],
  providers: [AccessRequestsService],
  exports: [AccessRequestsService],
})
export class AccessModule {}
