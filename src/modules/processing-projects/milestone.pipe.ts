import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error.js';
import { MILESTONES, type MilestoneName } from './project.entity.js';

@Injectable()
export class MilestonePipe implements PipeTransform<string, MilestoneName> {
  transform(value: string): MilestoneName {
    if (!(MILESTONES as readonly string[]).includes(value))
      throw new DomainError(
        'VALIDATION_FAILED',
        `"${value}" is not a milestone: use ${MILESTONES.join(', ')}.`,
      );
    return value as MilestoneName;
  }
}
