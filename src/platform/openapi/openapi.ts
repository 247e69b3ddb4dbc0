import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_CODES } from '../errors/error-codes.js';

const errorTable = Object.entries(ERROR_CODES)
  .map(([code, { status }]) => `| \`${code}\` | ${status} |`)
  .join('\n');

const DESCRIPTION = `The manufacturing data exchange: the processor pool, processing support and purchase support
programs of the Ministry of SMEs and Startups, and the exchange where their data products are sold.

Amounts are integers of won in fields ending \`Krw\`; ids are UUIDs; lists are \`{ items, total, page, pageSize }\`.
Errors are \`{ statusCode, code, message, messageKo, details? }\`; every response carries \`X-Request-Id\`.

| code | status |
|---|---|
${errorTable}`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Manufacturing Data Exchange API')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    Error: {
      type: 'object',
      required: ['statusCode', 'code', 'message'],
      properties: {
        statusCode: { type: 'integer' },
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        message: { type: 'string' },
        messageKo: { type: 'string' },
        details: {},
      },
    },
  };
  return document;
}

/** Serves the UI at /docs and the document at /docs-json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
  });
}
