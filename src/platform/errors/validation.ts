import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldError {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into one entry per field path (`plan.items.0.name`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // A missing field fails every rule at once; "is required" says it better.
    const problems =
      e.value === undefined && e.constraints
        ? [`${field} is required`]
        : Object.values(e.constraints ?? {});
    const own = problems.length ? [{ field, problems }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** The global pipe: whitelist, refuse unknown fields, convert types, list every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const summary = details.map((d) => d.problems.join(', ')).join('; ');
      return new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: `The request has invalid fields: ${summary}.`,
        details,
      });
    },
  });
}
