/**
 * Manifests under data/components/<component>/manifests: custom resources validate against their CRD's
 * openAPIV3Schema (../shared/oracles/crds, skipped with a message when absent); core objects are well formed; nothing sets a
 * namespace, because the bundle applies each file into its component's namespace.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isValuesObject, type Values } from '../../src/core/recipe/merge-values.js';
import { dataFiles, HAVE_ORACLES, ORACLES, oracleSuite } from './data-under-test.js';

interface ManifestObject {
  readonly file: string;
  readonly object: Values;
}

/** Core kinds the data may ship, with their API version. */
const CORE_KINDS: Readonly<Record<string, string>> = { ConfigMap: 'v1', ResourceQuota: 'v1' };

async function manifestObjects(): Promise<ManifestObject[]> {
  const files = await dataFiles();
  return Object.entries(files)
    .filter(([path]) => path.split('/').includes('manifests'))
    .flatMap(([file, text]) =>
      parseAllDocuments(text)
        .map((doc) => doc.toJS() as unknown)
        .filter(isValuesObject)
        .map((object) => ({ file, object })),
    );
}

function stringAt(object: Values, ...path: string[]): string | undefined {
  let current: unknown = object;
  for (const key of path) current = isValuesObject(current) ? current[key] : undefined;
  return typeof current === 'string' ? current : undefined;
}

interface CrdVersion {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly schema: object;
}

function readCrds(dir: string): CrdVersion[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) =>
      parseAllDocuments(readFileSync(join(dir, name), 'utf8'))
        .map((doc) => doc.toJS() as unknown)
        .filter(isValuesObject)
        .filter((crd) => crd.kind === 'CustomResourceDefinition')
        .flatMap((crd) => {
          const spec = crd.spec as {
            group: string;
            names: { kind: string };
            versions: { name: string; schema?: { openAPIV3Schema?: object } }[];
          };
          return spec.versions.map((v) => ({
            group: spec.group,
            kind: spec.names.kind,
            version: v.name,
            schema: v.schema?.openAPIV3Schema ?? {},
          }));
        }),
    );
}

interface Schema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** Paths in `value` that `schema` neither declares nor leaves open (structural-schema pruning). */
function undeclaredFields(value: unknown, schema: Schema, path = ''): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields']) return [];
  if (Array.isArray(value))
    return schema.items
      ? value.flatMap((item, i) => undeclaredFields(item, schema.items as Schema, `${path}[${i}]`))
      : [];
  if (!isValuesObject(value) || schema.type !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    const declared = schema.properties?.[key];
    if (declared) return undeclaredFields(child, declared, at);
    if (typeof schema.additionalProperties === 'object')
      return undeclaredFields(child, schema.additionalProperties, at);
    if (schema.properties === undefined || schema.additionalProperties === true) return [];
    return [at];
  });
}

describe('manifests', () => {
  it('are all Kubernetes objects with apiVersion, kind and metadata.name, and no namespace', async () => {
    const objects = await manifestObjects();
    expect(objects.length).toBeGreaterThan(0);
    const bad = objects
      .filter(
        ({ object }) =>
          !stringAt(object, 'apiVersion') ||
          !stringAt(object, 'kind') ||
          !stringAt(object, 'metadata', 'name') ||
          stringAt(object, 'metadata', 'namespace') !== undefined,
      )
      .map(({ file }) => file);
    expect(bad).toEqual([]);
  });

  it('use core kinds at their API version, with string data in ConfigMaps', async () => {
    const objects = (await manifestObjects()).filter(
      ({ object }) => !String(object.apiVersion).includes('.'),
    );
    for (const { file, object } of objects) {
      const kind = String(object.kind);
      expect(CORE_KINDS[kind], `${file}: ${kind}`).toBe(object.apiVersion);
      if (kind === 'ConfigMap') {
        const data = object.data;
        expect(isValuesObject(data), file).toBe(true);
        for (const value of Object.values(data as Values))
          expect(typeof value, file).toBe('string');
      }
    }
  });

  it('include the demo bundle ConfigMaps the gpu-operator values name', async () => {
    const names = (await manifestObjects())
      .filter(
        ({ file, object }) =>
          file.startsWith('components/gpu-operator/') && object.kind === 'ConfigMap',
      )
      .map(({ object }) => stringAt(object, 'metadata', 'name'));
    expect(names).toContain('dcgm-exporter');
    expect(names).toContain('kernel-module-params');
  });
});

describe.skipIf(!HAVE_ORACLES || !existsSync(join(ORACLES, 'crds')))(
  oracleSuite('custom resources against their CRDs'),
  () => {
    const crds = readCrds(join(ORACLES, 'crds'));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

    it('validate against the openAPIV3Schema of their CRD version', async () => {
      const custom = (await manifestObjects()).filter(({ object }) =>
        String(object.apiVersion).includes('.'),
      );
      expect(custom.map(({ object }) => object.kind).sort()).toEqual([
        'NicClusterPolicy',
        'Skyhook',
      ]);
      for (const { file, object } of custom) {
        const [group, version] = String(object.apiVersion).split('/');
        const crd = crds.find(
          (c) => c.group === group && c.version === version && c.kind === object.kind,
        );
        expect(
          crd,
          `${file}: no CRD for ${String(object.apiVersion)} ${String(object.kind)}`,
        ).toBeDefined();
        if (!crd) continue;
        const validate = ajv.compile(crd.schema);
        const valid = validate(object);
        expect(validate.errors ?? [], file).toEqual([]);
        expect(valid).toBe(true);
      }
    });

    it('set no field their CRD does not declare (the API server would drop it silently)', async () => {
      const custom = (await manifestObjects()).filter(({ object }) =>
        String(object.apiVersion).includes('.'),
      );
      const unknown = custom.flatMap(({ file, object }) => {
        const crd = crds.find(
          (c) => `${c.group}/${c.version}` === object.apiVersion && c.kind === object.kind,
        );
        return crd
          ? undeclaredFields(object, crd.schema as Schema).map((path) => `${file}: ${path}`)
          : [];
      });
      expect(unknown).toEqual([]);
    });

    it('reject a resource that breaks its schema (the check is not vacuous)', async () => {
      const skyhook = (await manifestObjects()).find(({ object }) => object.kind === 'Skyhook');
      const crd = crds.find((c) => c.kind === 'Skyhook');
      if (!skyhook || !crd) throw new Error('expected a Skyhook manifest and CRD');
      const broken = structuredClone(skyhook.object) as {
        spec: { packages: Record<string, Record<string, unknown>> };
      };
      for (const pkg of Object.values(broken.spec.packages)) delete pkg.image;
      expect(ajv.compile(crd.schema)(broken)).toBe(false);
    });
  },
);
