import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/**
 * An amount of won in JSON: a whole number from `min` up to 2^53 - 1. Services turn it into
 * bigint; fractions, strings and floats are refused with the field's name.
 */
export function IsKrw(min = 1, options: ApiPropertyOptions = {}) {
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      minimum: min,
      description: 'Whole Korean won',
      ...options,
    } as ApiPropertyOptions),
    IsInt({ message: ({ property }) => `${property} must be a whole number of won` }),
    Min(min, { message: ({ property }) => `${property} must be at least ${min} won` }),
    Max(Number.MAX_SAFE_INTEGER, { message: ({ property }) => `${property} is too large` }),
  );
}
