import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error.js';
import { KSIC_CODE } from './dto/organization.dto.js';

@Injectable()
export class KsicCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!KSIC_CODE.test(value))
      throw new DomainError(
        'VALIDATION_FAILED',
        `"${value}" is not a KSIC code: use 2 to 5 digits, for example 55 or 56211.`,
        {
          details: [{ field: 'code', problems: ['code must be a KSIC code of 2 to 5 digits'] }],
        },
      );
    return value;
  }
}
