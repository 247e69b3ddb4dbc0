import { Module } from '@nestjs/common';
import { UsageCounter } from './usage-counter.js';
import { UsageController } from './usage.controller.js';
import { UsageFigures } from './usage-figures.service.js';

@Module({
  controllers: [UsageController],
  providers: [UsageCounter, UsageFigures],
  exports: [UsageCounter],
})
export class UsageModule {}
