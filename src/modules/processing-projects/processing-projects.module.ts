import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/index.js';
import { CatalogModule } from '../catalog/index.js';
import { QualityModule } from '../quality/index.js';
import { PaymentsModule } from '../payments/index.js';
import { ProcessingProjectsController } from './processing-projects.controller.js';
import { MilestonesService } from './milestones.service.js';
import { OwnShareService } from './own-share.service.js';
import { ProcessingProjectsService } from './processing-projects.service.js';
import { ProjectRecords } from './project-records.service.js';
import { RawDataService } from './raw-data.service.js';

@Module({
  imports: [ApplicationsModule, CatalogModule, QualityModule, PaymentsModule],
  controllers: [ProcessingProjectsController],
  providers: [
    ProjectRecords,
    ProcessingProjectsService,
    MilestonesService,
    OwnShareService,
    RawDataService,
  ],
  exports: [ProcessingProjectsService],
})
export class ProcessingProjectsModule {}
