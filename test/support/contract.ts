import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Checks an answer the service gave against the committed OpenAPI document (openapi.json, which
 * the openapi test keeps equal to what the code generates): the status must be one the operation
 * declares, and the body must match that status's schema.
 */

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> } | undefined>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  body: unknown;
}

export interface Verdict {
  /** `GET /orders/{id}`, or undefined when no documented path matches the URL. */
  operation?: string;
  problem?: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  operation: Operation;
}

export class Contract {
  private readonly routes: Route[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Document) {
    this.routes = Object.entries(doc.paths)
      .flatMap(([template, ops]) =>
        Object.entries(ops).map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(
            `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`,
          ),
          params: (template.match(/\{/g) ?? []).length,
          operation,
        })),
      )
      // A literal segment wins over a parameter: /orders/quote before /orders/{id}.
      .sort((a, b) => a.params - b.params);
    this.ajv = new Ajv({ strict: false, allErrors: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    // Named schemas are closed: a field the document does not describe is a mismatch too.
    const closed = Object.fromEntries(
      Object.entries(doc.components.schemas).map(([name, schema]) => [
        name,
        schema.properties && !('additionalProperties' in schema)
          ? { ...schema, additionalProperties: false }
          : schema,
      ]),
    );
    this.ajv.addSchema(
      jsonSchema({ components: { ...doc.components, schemas: closed } }) as Schema,
      'doc',
    );
  }

  static load(file = path.resolve('openapi.json')): Contract {
    return new Contract(JSON.parse(readFileSync(file, 'utf8')) as Document);
  }

  /** Every operation, as `GET /orders/{id}`. */
  operations(): string[] {
    return this.routes.map((r) => `${r.method} ${r.template}`);
  }

  check(answer: Answer): Verdict {
    const pathname = new URL(answer.url, 'http://x').pathname;
    const route = this.routes.find(
      (r) => r.method === answer.method.toUpperCase() && r.pattern.test(pathname),
    );
    if (!route) {
      // Not an operation (an unknown path, /docs): the service still answers errors in its shape.
      if (answer.status >= 400 && !this.isError(answer.body))
        return { problem: `${answer.status} for an unknown route is not an Error body` };
      return {};
    }
    const operation = `${route.method} ${route.template}`;
    const response = route.operation.responses[String(answer.status)];
    if (!response)
      return {
        operation,
        problem: `answered ${answer.status}, which the document does not declare (it declares ${Object.keys(route.operation.responses).join(', ')})`,
      };
    const content = response.content;
    if (!content) {
      if (answer.status === 204 || answer.body === undefined || isEmpty(answer.body))
        return { operation };
      return { operation, problem: `answered a body where the document declares none` };
    }
    const type = (answer.contentType ?? '').split(';')[0].trim();
    const media = content[type];
    if (!media)
      return {
        operation,
        problem: `answered ${type || 'no content type'}, the document declares ${Object.keys(content).join(', ')}`,
      };
    if (type !== 'application/json' || !media.schema) return { operation };
    const validate = this.validator(`${operation} ${answer.status}`, media.schema);
    if (validate(answer.body)) return { operation };
    const first = validate.errors?.[0];
    return {
      operation,
      problem: `${answer.status} body does not match the document: ${first?.instancePath || '(root)'} ${first?.message} ${JSON.stringify(first?.params)}`,
    };
  }

  private isError(body: unknown): boolean {
    return this.validator('Error', { $ref: '#/components/schemas/Error' })(body);
  }

  private validator(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(
        jsonSchema(
          JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')),
        ) as Schema,
      );
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: null, or the schema. (Ajv's own `nullable` needs a
 * `type` beside it, which a nullable `$ref` written as `allOf` has not.)
 */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, jsonSchema(v)]));
  return nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

function isEmpty(body: unknown): boolean {
  return (
    body === '' ||
    (typeof body === 'object' && body !== null && Object.keys(body).length === 0) ||
    (Buffer.isBuffer(body) && body.length === 0)
  );
}
