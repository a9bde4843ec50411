/**
 * Validates Kubernetes objects against their real schemas in ../shared/oracles: built-in kinds against
 * the API server's OpenAPI v3 documents (oracles/kubernetes), custom resources against their CRD's
 * openAPIV3Schema (oracles/crds), and every object's metadata against ObjectMeta. Unknown fields are
 * rejected: every schema that lists properties is closed (additionalProperties: false) unless it
 * already says what extra fields may be or preserves unknown fields, as the API server's pruning does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { ORACLES } from '../data/data-under-test.js';

export { ORACLES };
export const HAVE_SCHEMA_ORACLES =
  existsSync(join(ORACLES, 'kubernetes')) && existsSync(join(ORACLES, 'crds'));

type Schema = Record<string, unknown>;
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export interface SchemaOracle {
  /** Problems of one object ('' path = the object), empty when it is valid. */
  problems(object: unknown): string[];
  /** The kinds it knows, as `apiVersion kind`. */
  readonly kinds: readonly string[];
}

export function loadSchemaOracle(): SchemaOracle {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const schemas: Record<string, Schema> = {};
  const builtIn = new Map<string, string>();
  for (const file of readdirSync(join(ORACLES, 'kubernetes')).filter((f) => f.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(ORACLES, 'kubernetes', file), 'utf8')) as {
      components: { schemas: Record<string, Schema> };
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      schemas[name] = schema;
      for (const gvk of (schema['x-kubernetes-group-version-kind'] ?? []) as {
        group: string;
        version: string;
        kind: string;
      }[]) {
        builtIn.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version} ${gvk.kind}`, name);
      }
    }
  }
  for (const schema of Object.values(schemas)) closeSchema(schema);
  ajv.addSchema({ $id: 'k8s', components: { schemas } });
  const compiled = new Map<string, ValidateFunction>();
  const compileRef = (name: string) => {
    let validate = compiled.get(name);
    if (!validate) {
      validate = ajv.compile({ $ref: `k8s#/components/schemas/${name}` });
      compiled.set(name, validate);
    }
    return validate;
  };
  const custom = new Map<string, ValidateFunction>();
  for (const crd of readCrds(join(ORACLES, 'crds'))) {
    closeSchema(crd.schema);
    custom.set(`${crd.group}/${crd.version} ${crd.kind}`, ajv.compile(crd.schema));
  }
  const metadata = compileRef(OBJECT_META);
  return {
    kinds: [...builtIn.keys(), ...custom.keys()].sort(),
    problems(object) {
      const { apiVersion, kind } = (object ?? {}) as { apiVersion?: unknown; kind?: unknown };
      const key = `${String(apiVersion)} ${String(kind)}`;
      const name = builtIn.get(key);
      const validate = name ? compileRef(name) : custom.get(key);
      if (!validate) return [`no schema for ${key}`];
      const found = errorsOf(validate, object, '');
      if (!name)
        errorsOf(metadata, (object as { metadata?: unknown }).metadata, '/metadata').forEach((e) =>
          found.push(e),
        );
      return found;
    },
  };
}

/** Kubernetes objects in a YAML text (empty documents skipped). */
export function objectsIn(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as unknown)
    .filter((value) => value !== null && value !== undefined);
}

function errorsOf(validate: ValidateFunction, value: unknown, prefix: string): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${prefix}${e.instancePath} ${e.message ?? ''}${
        e.keyword === 'additionalProperties'
          ? `: ${String((e.params as { additionalProperty?: string }).additionalProperty)}`
          : ''
      }`,
  );
}

/** Adds additionalProperties: false wherever a schema lists its properties and leaves extras open by omission. */
function closeSchema(schema: unknown): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Schema;
  if (s.properties && typeof s.properties === 'object') {
    for (const child of Object.values(s.properties as Record<string, unknown>)) closeSchema(child);
    if (s.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true)
      s.additionalProperties = false;
  }
  for (const key of ['items', 'additionalProperties', 'not']) closeSchema(s[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf'])
    if (Array.isArray(s[key])) for (const child of s[key] as unknown[]) closeSchema(child);
}

interface CrdVersion {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly schema: Schema;
}

function readCrds(dir: string): CrdVersion[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) =>
      objectsIn(readFileSync(join(dir, name), 'utf8')).flatMap((crd) => {
        const spec = (
          crd as {
            spec: {
              group: string;
              names: { kind: string };
              versions: { name: string; schema?: { openAPIV3Schema?: Schema } }[];
            };
          }
        ).spec;
        return spec.versions.map((v) => ({
          group: spec.group,
          kind: spec.names.kind,
          version: v.name,
          schema: structuredClone(v.schema?.openAPIV3Schema ?? {}),
        }));
      }),
    );
}
