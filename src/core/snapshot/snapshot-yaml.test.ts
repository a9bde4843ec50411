import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../shared/serialize.js';
import type { Scalar, Snapshot } from './snapshot-document.js';
import { snapshotSchema } from './snapshot.js';
import { toSnapshotYaml, writeSnapshotYamlDirectly } from './snapshot-yaml.js';

const golden = (name: string): Snapshot =>
  snapshotSchema.parse(
    parse(
      readFileSync(new URL(`../../../test/snapshot/golden/${name}.yaml`, import.meta.url), 'utf8'),
    ),
  );

/** Strings that sit on the edges of YAML 1.1: words, numbers, dates, indicators, markers, escapes. */
const TRICKY = [
  '',
  'y',
  'Y',
  'n',
  'yes',
  'No',
  'on',
  'OFF',
  'true',
  'False',
  'null',
  'NULL',
  '~',
  '<<',
  '=',
  '0',
  '60',
  '-1',
  '+1',
  '0755',
  '0x33',
  '0b101',
  '1_000',
  '190:20:30',
  '4:30',
  '1.5',
  '.5',
  '1e5',
  '6.8e+5',
  '.inf',
  '-.Inf',
  '.NaN',
  '24.04',
  '6.8.0-1043-aws',
  '2026-01-13',
  '2026-01-13T13:02:29Z',
  '2001-12-14 21:59:43.10 -5',
  '[not set]',
  '{x}',
  '- a',
  '-a',
  '?',
  '? x',
  ':x',
  'a: b',
  'a:b',
  'a #b',
  'a#b',
  '#x',
  'x:',
  'x ',
  ' x',
  '&a',
  '*a',
  '!t',
  '|',
  '>',
  "'q'",
  '"q"',
  "it's",
  'back\\slash',
  '%x',
  '---',
  '--- x',
  '...',
  '@x',
  '`x',
  'tab\there',
  'line\nbreak',
  'trail\n',
  'é',
  '\u0001',
  'x'.repeat(1100),
  'cap_chown cap_kill',
  '/proc/sys/kernel/osrelease',
  'nvcr.io/nvidia/driver:1',
  '{ path=/usr/bin/containerd ; argv[]=/usr/bin/containerd ; flags= }',
  'tty1 ttyS0,115200',
];

const MULTI_LINE = [
  'file\npipe\nsocket',
  'enabled\ninterpreter /usr/bin/qemu\nflags: F',
  'a\n\nb',
  ' x\ny',
  'x\n y',
  'x \ny',
  'x\ny\n',
  '---\nx',
  'x\n#y',
  'k: v\nw',
];

const stringArb = fc.oneof(
  fc.constantFrom(...TRICKY, ...MULTI_LINE),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  fc.string({ maxLength: 6 }),
  fc
    .array(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }), {
      minLength: 2,
      maxLength: 4,
    })
    .map((lines) => lines.join('\n')),
);
const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  stringArb,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
);

/** Values the direct writer handles itself: printable ASCII, clean multi-line text, integers, booleans. */
const asciiStringArb = fc.oneof(
  fc.constantFrom(...TRICKY.filter((t) => /^[\x20-\x7e]*$/.test(t) && t.length < 1000)),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  fc
    .array(fc.stringMatching(/^[!-~](?:[ -~]{0,6}[!-~])?$/), { minLength: 2, maxLength: 4 })
    .map((lines) => lines.join('\n')),
);
const asciiScalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  asciiStringArb,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.boolean(),
);

const snapshotArb = snapshotOf(stringArb, scalarArb, true);
const asciiSnapshotArb = snapshotOf(
  asciiStringArb.filter((s) => !s.includes('\n')),
  asciiScalarArb,
  false,
);

function snapshotOf(
  stringArb: fc.Arbitrary<string>,
  scalarArb: fc.Arbitrary<Scalar>,
  withExtraMetadata: boolean,
): fc.Arbitrary<Snapshot> {
  const dataArb = fc.dictionary(stringArb, scalarArb, { maxKeys: 6 });
  return fc.record({
    kind: fc.constant('Snapshot' as const),
    apiVersion: fc.constant('cns.nvidia.com/v1alpha1' as const),
    metadata: fc.record(
      {
        'source-node': stringArb,
        timestamp: fc.constant('2026-01-13T13:02:29Z'),
        version: stringArb,
        ...(withExtraMetadata ? { extra: stringArb } : {}),
      },
      { requiredKeys: [] },
    ),
    collectors: fc.array(
      fc.record(
        {
          name: stringArb,
          status: fc.constantFrom('ok', 'unavailable', 'failed' as const),
          reason: stringArb,
        },
        { requiredKeys: ['name', 'status'] },
      ),
      { maxLength: 3 },
    ),
    measurements: fc.array(
      fc.record({
        type: stringArb,
        subtypes: fc.array(fc.record({ subtype: stringArb, data: dataArb }), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
  });
}

describe('toSnapshotYaml', () => {
  it.each(['ubuntu-gpu-node', 'h100-minimal', 'no-gpu-host'])(
    'writes the %s golden snapshot exactly as toYaml does',
    (name) => {
      const snapshot = golden(name);
      expect(writeSnapshotYamlDirectly(snapshot)).toBe(toYaml(snapshot));
    },
  );

  it('writes every generated snapshot exactly as toYaml does, edge-case strings included', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => toSnapshotYaml(snapshot) === toYaml(snapshot)),
      { numRuns: 1000 },
    );
  });

  it('writes snapshots in its own domain directly, exactly as toYaml does', () => {
    let direct = 0;
    fc.assert(
      fc.property(asciiSnapshotArb, (snapshot) => {
        const text = writeSnapshotYamlDirectly(snapshot);
        if (text !== undefined) direct += 1;
        return (text ?? toSnapshotYaml(snapshot)) === toYaml(snapshot);
      }),
      { numRuns: 1500 },
    );
    // The comparison must exercise the direct writer, not only the fallback.
    expect(direct).toBeGreaterThan(750);
  });

  it.each([...TRICKY, ...MULTI_LINE].map((s) => [JSON.stringify(s).slice(0, 40), s]))(
    'writes the value %s as toYaml does',
    (_label, value) => {
      const snapshot: Snapshot = {
        kind: 'Snapshot',
        apiVersion: 'cns.nvidia.com/v1alpha1',
        metadata: {},
        measurements: [
          { type: 'OS', subtypes: [{ subtype: 'x', data: { [value || 'k']: value, k2: value } }] },
        ],
      };
      expect(toSnapshotYaml(snapshot)).toBe(toYaml(snapshot));
    },
  );

  it.each([
    ['a multi-line sysctl value', { k: 'file\npipe\nsocket' }, true],
    ['a value with a quote and a backslash', { Environment: 'A="x" B=\\x20' }, true],
    ['a non-ASCII value', { k: 'é' }, false],
    ['a multi-line value with a blank line', { k: 'a\n\nb' }, false],
    ['a fractional number', { k: 1.5 }, false],
  ])('writes %s directly: %s', (_name, data, direct) => {
    const snapshot: Snapshot = {
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [{ type: 'OS', subtypes: [{ subtype: 'x', data }] }],
    };
    expect(writeSnapshotYamlDirectly(snapshot) !== undefined).toBe(direct);
    expect(toSnapshotYaml(snapshot)).toBe(toYaml(snapshot));
  });
});
