import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtension,
  ApiExtraModels,
  ApiOkResponse,
  ApiProperty,
  getSchemaPath,
} from '@nestjs/swagger';
import type { ErrorCode } from '../errors/error-codes.js';

/**
 * How a route's answers are written into the OpenAPI document.
 *
 * - `@Refuses(...)` names the error codes a route answers beyond those every route can (bad input,
 *   not signed in, storage down: see `COMMON_REFUSALS` in openapi.ts). The document builder turns
 *   them into one response per status, with the `Error` schema and the codes as an enum, and lists
 *   them in the operation's description.
 * - `@AnswersPage(View)` is a paged list's 200: `{ items: View[], total, page, pageSize }`.
 */
export const Refuses = (...codes: ErrorCode[]) => ApiExtension('x-error-codes', codes);

const pages = new Map<Type, Type>();

/** The class of `{ items: T[], total, page, pageSize }`, named `<T>Page` in the document. */
export function PageOf(item: Type): Type {
  let page = pages.get(item);
  if (page) return page;
  class Paged {
    @ApiProperty({ type: [item] }) items: unknown[];
    @ApiProperty({ type: 'integer', minimum: 0, description: 'How many items all pages hold' })
    total: number;
    @ApiProperty({ type: 'integer', minimum: 1 }) page: number;
    @ApiProperty({ type: 'integer', minimum: 1, maximum: 200 }) pageSize: number;
  }
  Object.defineProperty(Paged, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  page = Paged;
  pages.set(item, page);
  return page;
}

/** 200 with one page of `item`. */
export const AnswersPage = (item: Type) =>
  applyDecorators(ApiExtraModels(item), ApiOkResponse({ type: PageOf(item) }));

/** 200 with `type` (an array when given as `[Type]`). */
export const Answers = (type: Type | [Type], description?: string) =>
  ApiOkResponse({ type, description });

/** 201 with `type`: something was made. */
export const AnswersCreated = (type: Type | [Type], description?: string) =>
  ApiCreatedResponse({ type, description });

/** 200 with a UTF-8 CSV file. */
export const AnswersCsv = (description: string) =>
  ApiOkResponse({ description, content: { 'text/csv': { schema: { type: 'string' } } } });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 200 with a report: `type` as JSON, or its tables as CSV or an Excel workbook (`?format=`). */
export const AnswersReport = (type: Type) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description: 'JSON by default; `?format=csv` or `?format=xlsx` for the tables as a file',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        'text/csv': { schema: { type: 'string' } },
        [XLSX]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );
