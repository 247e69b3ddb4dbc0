import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import { UUID_PATTERN } from './validators.js';

/**
 * An id in a path: a UUID, or a 400 that names the parameter and says what was expected, in
 * English and Korean (Nest's own pipe says only "Validation failed (uuid is expected)").
 */
@Injectable()
export class ParseUuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    const text = String(value);
    if (UUID_PATTERN.test(text)) return text.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} must be a UUID like 3f2b8c4e-1d2a-4b7c-9e8f-0a1b2c3d4e5f, not "${text.slice(0, 40)}".`,
      {
        messageKo: `${field} 값은 UUID 형식이어야 합니다 (예: 3f2b8c4e-1d2a-4b7c-9e8f-0a1b2c3d4e5f).`,
        details: [{ field, problems: [`${field} must be a UUID`] }],
      },
    );
  }
}
