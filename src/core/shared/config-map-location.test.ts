import { describe, expect, it } from 'vitest';
import { HAVE_KUBERNETES_SCHEMAS, schemaProblems } from '../../../test/kube/openapi-validator.js';
import {
  checkConfigMapSize,
  CONFIG_MAP_MAX_BYTES,
  dataKeyFor,
  documentConfigMap,
  documentLabels,
  documentOf,
  parseConfigMapUri,
} from './config-map-location.js';

describe('parseConfigMapUri', () => {
  it('reads cm://namespace/name', () => {
    expect(parseConfigMapUri('cm://gpu-operator/cns-snapshot')).toEqual({
      namespace: 'gpu-operator',
      name: 'cns-snapshot',
    });
  });

  it.each([
    ['no name', 'cm://gpu-operator', 'expected cm://<namespace>/<name>'],
    ['a path under the name', 'cm://ns/a/b', 'expected cm://<namespace>/<name>'],
    ['an upper-case namespace', 'cm://GPU/x', '"GPU" is not a namespace name'],
    ['a name with an underscore', 'cm://ns/my_snapshot', '"my_snapshot" is not a ConfigMap name'],
  ])('refuses %s, naming what is wrong', (_name, uri, message) => {
    expect(() => parseConfigMapUri(uri)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining(message) }),
    );
  });
});

describe('dataKeyFor', () => {
  it.each([
    ['Snapshot', false, 'snapshot.yaml'],
    ['Snapshot', true, 'snapshot.json'],
    ['recipeResult', false, 'recipe.yaml'],
    ['recipeCriteria', false, 'criteria.yaml'],
    ['ValidationResult', true, 'validation.json'],
    ['SnapshotDiff', false, 'diff.yaml'],
    ['FleetDiff', false, 'fleet-diff.yaml'],
    ['RecipeDrift', false, 'drift.yaml'],
  ])('stores a %s (JSON: %s) under %s', (kind, json, key) => {
    expect(dataKeyFor(kind, json, 'cm://ns/x')).toBe(key);
  });

  it('refuses what is not a document of ours (a table)', () => {
    expect(() => dataKeyFor(undefined, false, 'cm://ns/x')).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });
});

describe('documentOf', () => {
  it.each([
    ['our key among others', { 'snapshot.yaml': 'a', other: 'b' }, 'a'],
    ['the only key, whatever its name', { 'node-a.yaml': 'c' }, 'c'],
  ])('reads %s', (_name, data, text) => {
    expect(documentOf(data, 'cm://ns/x')).toBe(text);
  });

  it.each([
    ['no data', undefined, 'NOT_FOUND'],
    ['several keys of someone else', { a: '1', b: '2' }, 'USAGE'],
  ])('refuses %s', (_name, data, code) => {
    expect(() => documentOf(data, 'cm://ns/x')).toThrow(expect.objectContaining({ code }));
  });
});

describe('checkConfigMapSize', () => {
  it('accepts up to the limit, keys counted, and refuses a byte more, saying what to do', () => {
    const key = 'snapshot.yaml';
    expect(() =>
      checkConfigMapSize('cm://ns/x', key, 'x'.repeat(CONFIG_MAP_MAX_BYTES - key.length)),
    ).not.toThrow();
    expect(() =>
      checkConfigMapSize('cm://ns/x', key, 'x'.repeat(CONFIG_MAP_MAX_BYTES - key.length + 1)),
    ).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: expect.stringContaining('write it to a file (-o FILE) instead'),
      }),
    );
  });

  it('counts bytes, not characters', () => {
    expect(() =>
      checkConfigMapSize('cm://ns/x', 'k', 'é'.repeat(CONFIG_MAP_MAX_BYTES / 2)),
    ).toThrow();
  });
});

describe('documentLabels', () => {
  it('names the writer, its version (as a label value) and the kind', () => {
    expect(documentLabels('Snapshot', '0.1.0+build/7')).toEqual({
      'app.kubernetes.io/managed-by': 'cnsctl',
      'app.kubernetes.io/version': '0.1.0_build_7',
      'cns.nvidia.com/kind': 'Snapshot',
    });
  });
});

describe.skipIf(!HAVE_KUBERNETES_SCHEMAS)(
  'documentConfigMap (skipped without ../shared/oracles)',
  () => {
    it('is a ConfigMap the Kubernetes OpenAPI document accepts, with no unknown field', () => {
      const configMap = documentConfigMap(
        { namespace: 'gpu-operator', name: 'cns-snapshot' },
        { kind: 'Snapshot', key: 'snapshot.yaml', text: 'kind: Snapshot\n' },
        '0.1.0',
      );
      expect(schemaProblems(configMap)).toEqual([]);
      expect(configMap.data).toEqual({ 'snapshot.yaml': 'kind: Snapshot\n' });
    });
  },
);
