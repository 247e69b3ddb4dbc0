import type { INestApplication } from '@nestjs/common';
import { API_PREFIX } from '../http/api-prefix.js';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';

const errorTable = Object.entries(ERROR_CODES)
  .map(([code, { status }]) => `| \`${code}\` | ${status} |`)
  .join('\n');

const DESCRIPTION = `The manufacturing data exchange: the processor pool, processing support and purchase support
programs of the Ministry of SMEs and Startups, and the exchange where their data products are sold.

Amounts are integers of won in fields ending \`Krw\`; ids are UUIDs, except the entries of the audit trail and
of histories, which are increasing integers; days are \`YYYY-MM-DD\` in Seoul, instants ISO 8601;
lists are \`{ items, total, page, pageSize }\`. Errors are \`{ statusCode, code, message, messageKo, details?, requestId? }\`;
every response carries \`X-Request-Id\`. Each operation lists the codes it may answer.

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
  declareRefusals(document);
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
        details: {
          description: 'What to fix, when the code has more to say (fields, links, choices)',
        },
        requestId: { type: 'string', description: 'The X-Request-Id of the request' },
      },
    },
  };
  return document;
}

/** Serves the UI at /api/docs and the document at /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
  });
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/**
 * The refusals every operation can answer, by what it takes: bad input, an unreadable or oversized body, no or an expired sign-in where it is secured, an id that
 * names nothing, and the two answers of a service in trouble.
 */
function commonRefusals(op: Operation): ErrorCode[] {
  const params = op.parameters ?? [];
  // Any request can be malformed (a query string it cannot read, a body where none is taken).
  const codes: ErrorCode[] = ['VALIDATION_FAILED', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE'];
  if (op.requestBody) codes.push('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (op.security?.length) codes.push('UNAUTHENTICATED', 'TOKEN_EXPIRED', 'FORBIDDEN');
  // An id in the path, the query or the body that names nothing.
  if (params.length || op.requestBody) codes.push('NOT_FOUND');
  return codes;
}

/**
 * Turns each operation's refusals (its `@Refuses(...)` codes and the common ones) into one
 * response per status with the Error schema and the codes it may carry, and lists them in the
 * operation's description.
 */
function declareRefusals(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths))
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const extensions = op as unknown as Record<string, unknown>;
      const own = (extensions['x-error-codes'] as ErrorCode[] | undefined) ?? [];
      delete extensions['x-error-codes'];
      const codes = [...new Set([...own, ...commonRefusals(op)])];
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of codes) {
        const status = ERROR_CODES[code].status;
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
        // A route that declares its own body for the status (GET /health's 503) keeps it.
        if (op.responses[String(status)]) continue;
        op.responses[String(status)] = {
          description: list.map((c) => `\`${c}\``).join(', '),
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/Error' },
                  { type: 'object', properties: { code: { type: 'string', enum: list } } },
                ],
              },
            },
          },
        };
      }
      const listed = own.length
        ? `Refusals: ${own.map((c) => `\`${c}\` (${ERROR_CODES[c].status})`).join(', ')}.`
        : '';
      if (listed) op.description = op.description ? `${op.description}\n\n${listed}` : listed;
    }
}
