/**
 * Checks Kubernetes objects against the API's own OpenAPI v3 documents (../shared/oracles/kubernetes,
 * as the API server serves them under /openapi/v3): the schema of the object's apiVersion and kind
 * (ajv), and a strict pass the schemas cannot express (they allow unknown fields, so a misspelt one
 * would pass): every field must be one the schema names.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORACLES } from '../data/data-under-test.js';

const DIR = join(ORACLES, 'kubernetes');
export const HAVE_KUBERNETES_SCHEMAS = existsSync(DIR);

interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly 'x-kubernetes-group-version-kind'?: readonly {
    group: string;
    version: string;
    kind: string;
  }[];
}

interface OpenApiDocument {
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

interface Located {
  readonly document: OpenApiDocument;
  readonly validate: ValidateFunction;
  readonly schema: Schema;
}

let kinds: Map<string, Located> | undefined;

function load(): Map<string, Located> {
  if (kinds) return kinds;
  kinds = new Map();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    const document = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as OpenApiDocument;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(document, file);
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
        const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
        const key = `${apiVersion}/${gvk.kind}`;
        if (kinds.has(key)) continue;
        kinds.set(key, {
          document,
          schema,
          validate: ajv.compile({ $ref: `${file}#/components/schemas/${name}` }),
        });
      }
    }
  }
  return kinds;
}

/** The problems of `object` against its kind's schema: none means valid. */
export function schemaProblems(object: {
  readonly apiVersion: string;
  readonly kind: string;
  readonly [field: string]: unknown;
}): string[] {
  const located = load().get(`${object.apiVersion}/${object.kind}`);
  if (!located) return [`no schema for ${object.apiVersion} ${object.kind}`];
  const problems: string[] = [];
  if (!located.validate(object)) {
    for (const error of located.validate.errors ?? []) {
      problems.push(`${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
    }
  }
  unknownFields(object, located.schema, located.document, '', problems);
  return problems;
}

function resolve(schema: Schema, document: OpenApiDocument): Schema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const ref = current.$ref ?? current.allOf?.[0]?.$ref;
    if (!ref) return current;
    current = document.components.schemas[ref.replace('#/components/schemas/', '')] ?? {};
  }
  return current;
}

function unknownFields(
  value: unknown,
  schema: Schema,
  document: OpenApiDocument,
  path: string,
  problems: string[],
): void {
  const resolved = resolve(schema, document);
  if (Array.isArray(value)) {
    if (resolved.items) {
      value.forEach((item, i) =>
        unknownFields(item, resolved.items as Schema, document, `${path}[${i}]`, problems),
      );
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, nested] of Object.entries(value)) {
    const property = resolved.properties?.[key];
    if (property) {
      unknownFields(nested, property, document, `${path}.${key}`, problems);
    } else if (typeof resolved.additionalProperties === 'object') {
      unknownFields(nested, resolved.additionalProperties, document, `${path}.${key}`, problems);
    } else if (resolved.properties && resolved.additionalProperties === undefined) {
      problems.push(`${path}.${key} is not a field of this object`);
    }
  }
}
