import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { QualityModule } from '../quality/quality.module.js';
import { ProcessingProjectsController } from './processing-projects.controller.js';
import { ProcessingProjectsService } from './processing-projects.service.js';

@Module({
  imports: [ApplicationsModule, CatalogModule, OrdersModule, QualityModule],
  controllers: [ProcessingProjectsController],
  providers: [ProcessingProjectsService],
  exports: [ProcessingProjectsService],
})
export class ProcessingProjectsModule {}
