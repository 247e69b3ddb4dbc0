import { Module } from '@nestjs/common';
import { QualityModule } from '../quality/index.js';
import { DatasetsModule } from '../datasets/index.js';
import { CatalogController } from './catalog.controller.js';
import { LicencesService } from './licences.service.js';
import { ProductsService } from './products.service.js';

@Module({
  imports: [DatasetsModule, QualityModule],
  controllers: [CatalogController],
  providers: [ProductsService, LicencesService],
  exports: [ProductsService],
})
export class CatalogModule {}
