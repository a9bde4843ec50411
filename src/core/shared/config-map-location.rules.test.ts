// The rules of cm:// locations as a user meets them: which names Kubernetes accepts, what each
// refusal says and carries (the details go into --log-json and the server's error bodies), the keys
// documents are read from, and the ConfigMap written (without ../shared's OpenAPI documents).
import { describe, expect, it } from 'vitest';
import type { CnsError } from './errors.js';
import { isCnsError } from './errors.js';
import {
  checkConfigMapSize,
  CONFIG_MAP_MAX_BYTES,
  dataKeyFor,
  documentConfigMap,
  documentOf,
  parseConfigMapUri,
} from './config-map-location.js';

function refusal(action: () => unknown): CnsError {
  try {
    action();
  } catch (error) {
    if (isCnsError(error)) return error;
    throw error;
  }
  throw new Error('accepted');
}

const label = (length: number) => 'a'.repeat(length);

describe('parseConfigMapUri', () => {
  it.each([
    ['a one-character namespace and name', 'cm://a/b'],
    ['a namespace of 63 characters', `cm://${label(63)}/x`],
    ['dotted names', 'cm://ns/a.b'],
    ['dashes inside each part of the name', 'cm://ns/a-b.c-d'],
    ['long parts of the name', 'cm://ns/abcde.fghij'],
    ['a name of 253 characters', `cm://ns/${label(253)}`],
    ['an upper-case scheme', 'CM://ns/x'],
  ])('accepts %s', (_case, uri) => {
    expect(() => parseConfigMapUri(uri)).not.toThrow();
  });

  it.each([
    ['text before the scheme', 'xcm://ns/x', 'expected cm://<namespace>/<name>'],
    [
      'a namespace that starts with a dash',
      'cm://-ns/x',
      `"-ns" is not a namespace name (lower-case letters, digits and '-', at most 63)`,
    ],
    [
      'a namespace that ends with a dash',
      'cm://ns-/x',
      `"ns-" is not a namespace name (lower-case letters, digits and '-', at most 63)`,
    ],
    [
      'a namespace of 64 characters',
      `cm://${label(64)}/x`,
      `"${label(64)}" is not a namespace name (lower-case letters, digits and '-', at most 63)`,
    ],
    [
      'a part of the name that starts with a dash',
      'cm://ns/a.-b',
      `"a.-b" is not a ConfigMap name (lower-case letters, digits, '-' and '.', at most 253)`,
    ],
    [
      'a part of the name that ends with a dash',
      'cm://ns/a.b-',
      `"a.b-" is not a ConfigMap name (lower-case letters, digits, '-' and '.', at most 253)`,
    ],
    [
      'a name of 254 characters',
      `cm://ns/${label(254)}`,
      `"${label(254)}" is not a ConfigMap name (lower-case letters, digits, '-' and '.', at most 253)`,
    ],
  ])('refuses %s, saying why, with the URI in the details', (_case, uri, problem) => {
    const error = refusal(() => parseConfigMapUri(uri));
    expect([error.code, error.message, error.details]).toEqual([
      'USAGE',
      `${uri}: ${problem}`,
      { uri },
    ]);
  });
});

describe('dataKeyFor', () => {
  it.each([
    ['a table (no document)', undefined, 'not one (use -t yaml or -t json)'],
    ['a kind of someone else', 'Pod', 'a Pod'],
    // A YAML list whose text would name one of ours is still not a kind.
    ['a list holding a kind', ['Snapshot'], 'not one (use -t yaml or -t json)'],
  ])('refuses %s, listing the kinds a ConfigMap holds', (_case, kind, what) => {
    const error = refusal(() => dataKeyFor(kind, false, 'cm://ns/x'));
    expect([error.code, error.message, error.details]).toEqual([
      'USAGE',
      `cm://ns/x: a ConfigMap holds cnsctl documents (Snapshot, recipeResult, recipeCriteria, ValidationResult, SnapshotDiff, FleetDiff, RecipeDrift); this output is ${what}`,
      { uri: 'cm://ns/x', kind },
    ]);
  });
});

describe('documentOf', () => {
  it.each([
    ['our JSON key among others', { 'snapshot.json': 'j', other: 'o' }, 'j'],
    ['our key of any kind among others', { 'drift.yaml': 'd', other: 'o' }, 'd'],
  ])('reads %s', (_case, data, text) => {
    expect(documentOf(data, 'cm://ns/x')).toBe(text);
  });

  it.each([
    ['no data', undefined, 'NOT_FOUND', 'cm://ns/x: the ConfigMap holds no data', []],
    ['empty data', {}, 'NOT_FOUND', 'cm://ns/x: the ConfigMap holds no data', []],
    [
      'several keys of someone else, listed in order',
      { b: '2', a: '1' },
      'USAGE',
      "cm://ns/x: the ConfigMap holds several keys (a, b) and none of cnsctl's (snapshot.yaml, recipe.yaml, criteria.yaml, validation.yaml, diff.yaml, fleet-diff.yaml, drift.yaml)",
      ['a', 'b'],
    ],
  ])('refuses %s', (_case, data, code, message, keys) => {
    const error = refusal(() => documentOf(data, 'cm://ns/x'));
    expect([error.code, error.message, error.details]).toEqual([
      code,
      message,
      { uri: 'cm://ns/x', keys },
    ]);
  });
});

describe('checkConfigMapSize', () => {
  it('puts the size and the limit in the details of a refusal', () => {
    const text = 'x'.repeat(CONFIG_MAP_MAX_BYTES);
    const error = refusal(() => checkConfigMapSize('cm://ns/x', 'k', text));
    expect(error.details).toEqual({
      uri: 'cm://ns/x',
      bytes: CONFIG_MAP_MAX_BYTES + 1,
      limit: CONFIG_MAP_MAX_BYTES,
    });
  });
});

describe('documentConfigMap', () => {
  it('is the ConfigMap named by the location, labelled, holding the text under its key', () => {
    expect(
      documentConfigMap(
        { namespace: 'gpu-operator', name: 'cns-snapshot' },
        { kind: 'Snapshot', key: 'snapshot.yaml', text: 'kind: Snapshot\n' },
        '0.1.0',
      ),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cns-snapshot',
        namespace: 'gpu-operator',
        labels: {
          'app.kubernetes.io/managed-by': 'cnsctl',
          'app.kubernetes.io/version': '0.1.0',
          'cns.nvidia.com/kind': 'Snapshot',
        },
      },
      data: { 'snapshot.yaml': 'kind: Snapshot\n' },
    });
  });
});
