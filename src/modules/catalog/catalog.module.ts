import { Module } from '@nestjs/common';
import { QualityModule } from '../quality/index.js';
import { DatasetsModule } from '../datasets/index.js';
import { UsageModule } from '../usage/index.js';
import { CatalogController } from './catalog.controller.js';
import { LicencesService } from './licences.service.js';
import { OpenCatalogueController } from './open-catalogue.controller.js';
import { OpenCatalogue } from './open-catalogue.service.js';
import { ProductSearch } from './product-search.service.js';
import { ProductViews } from './product-views.service.js';
import { ProductsService } from './products.service.js';

@Module({
  imports: [DatasetsModule, QualityModule, UsageModule],
  controllers: [CatalogController, OpenCatalogueController],
  providers: [ProductsService, ProductViews, ProductSearch, LicencesService, OpenCatalogue],
  exports: [ProductsService],
})
export class CatalogModule {}
