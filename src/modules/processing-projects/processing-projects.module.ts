import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/index.js';
import { CatalogModule } from '../catalog/index.js';
import { OrdersModule } from '../orders/index.js';
import { QualityModule } from '../quality/index.js';
import { PaymentsModule } from '../payments/index.js';
import { ProcessingProjectsController } from './processing-projects.controller.js';
import { ProcessingProjectsService } from './processing-projects.service.js';

@Module({
  imports: [ApplicationsModule, CatalogModule, OrdersModule, QualityModule, PaymentsModule],
  controllers: [ProcessingProjectsController],
  providers: [ProcessingProjectsService],
  exports: [ProcessingProjectsService],
})
export class ProcessingProjectsModule {}
