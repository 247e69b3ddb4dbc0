import { Module } from '@nestjs/common';
import { QualityService } from './quality.service.js';

@Module({ providers: [QualityService], exports: [QualityService] })
export class QualityModule {}
