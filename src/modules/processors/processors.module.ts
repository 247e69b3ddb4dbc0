import { Module } from '@nestjs/common';
import { ProcessorsController } from './processors.controller.js';
import { ProcessorsService } from './processors.service.js';

@Module({
  controllers: [ProcessorsController],
  providers: [ProcessorsService],
  exports: [ProcessorsService],
})
export class ProcessorsModule {}
