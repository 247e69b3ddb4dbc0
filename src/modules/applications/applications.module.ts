import { Module } from '@nestjs/common';
import { ProcessorsModule } from '../processors/index.js';
import { ProgramsModule } from '../programs/index.js';
import { AgreementSeams } from './agreement-seams.js';
import { AgreementsService } from './agreements.service.js';
import { ApplicationLifecycle } from './application-lifecycle.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';
import { EvaluationsService } from './evaluations.service.js';

@Module({
  imports: [ProgramsModule, ProcessorsModule],
  controllers: [ApplicationsController],
  providers: [
    ApplicationLifecycle,
    ApplicationsService,
    EvaluationsService,
    AgreementsService,
    AgreementSeams,
  ],
  exports: [ApplicationsService, AgreementsService, AgreementSeams, ApplicationLifecycle],
})
export class ApplicationsModule {}
