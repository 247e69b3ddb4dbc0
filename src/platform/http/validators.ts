import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

/** A UUID as PostgreSQL reads one: 8-4-4-4-12 hexadecimal digits (any version). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A media type as HTTP writes one (RFC 9110): `type/subtype` and `; name=value` parameters, in
 * printable ASCII only, so it can travel as a storage header.
 */
export const MEDIA_TYPE_PATTERN =
  /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(?:[ ]*;[ ]*[A-Za-z0-9!#$&^_.+-]+=(?:[A-Za-z0-9!#$&^_.+-]+|"[ !#-[\]-~]*"))*$/;

/**
 * An amount of won in JSON: a whole number from `min` up to `options.maximum` (2^53 - 1 when not
 * given). Services turn it into bigint; fractions, strings and floats are refused with the
 * field's name.
 */
export function IsKrw(min = 1, options: ApiPropertyOptions = {}) {
  const max =
    typeof (options as { maximum?: unknown }).maximum === 'number'
      ? (options as { maximum: number }).maximum
      : Number.MAX_SAFE_INTEGER;
  return applyDecorators(
    ApiProperty({
      type: 'integer',
      minimum: min,
      maximum: max,
      description: 'Whole Korean won',
      ...options,
    } as ApiPropertyOptions),
    IsInt({ message: ({ property }) => `${property} must be a whole number of won` }),
    Min(min, { message: ({ property }) => `${property} must be at least ${min} won` }),
    Max(max, {
      message: ({ property }) => `${property} must be at most ${max.toLocaleString('en-US')} won`,
    }),
  );
}

/**
 * A field that may be left out but, when sent, must be valid: unlike class-validator's
 * IsOptional, null is not "left out" (a null price or title is refused, not stored).
 */
export function Optional() {
  return ValidateIf((_object, value) => value !== undefined);
}
