import { Module } from '@nestjs/common';
import { QualityModule } from '../quality/index.js';
import { DatasetsController } from './datasets.controller.js';
import { DatasetsService } from './datasets.service.js';
import { UploadsService } from './uploads.service.js';

@Module({
  imports: [QualityModule],
  controllers: [DatasetsController],
  providers: [DatasetsService, UploadsService],
  exports: [DatasetsService, UploadsService],
})
export class DatasetsModule {}
