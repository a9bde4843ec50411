import fc from 'fast-check';
import { load } from 'js-yaml';
import { parseDocument, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isCnsError } from './errors.js';
import { toYaml } from './serialize.js';
import { MAX_DOCUMENT_DEPTH, parseDocumentText } from './parse-document-text.js';

function errorOf(text: string): unknown {
  try {
    parseDocumentText(text, 'snap.yaml');
  } catch (error) {
    return error;
  }
  return expect.unreachable('the text was accepted');
}

const nestedJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const nestedFlow = (depth: number) => `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
const nestedBlock = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
const nestedSeq = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}-`).join('\n') + ' 1\n';
const aliasBomb = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...'bcdefghi'
    .split('')
    .map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
].join('\n');

describe('parseDocumentText', () => {
  it.each([
    ['YAML', 'a: 1\nb: [x, "24.04"]\n', { a: 1, b: ['x', '24.04'] }],
    ['JSON', '{"a": 1, "b": ["x"]}', { a: 1, b: ['x'] }],
    ['JSON with a comment, read as YAML', '{"a": 1 # note\n}', { a: 1 }],
    ['YAML with a few aliases', 'a: &x [1, 2]\nb: *x\n', { a: [1, 2], b: [1, 2] }],
    ['the same key in two different maps', 'a: {k: 1}\nb: {k: 2}\n', { a: { k: 1 }, b: { k: 2 } }],
    [`JSON ${MAX_DOCUMENT_DEPTH} levels deep`, nestedJson(MAX_DOCUMENT_DEPTH), expect.anything()],
    [`YAML ${MAX_DOCUMENT_DEPTH} levels deep`, nestedBlock(MAX_DOCUMENT_DEPTH), expect.anything()],
  ])('reads %s', (_name, text, expected) => {
    expect(parseDocumentText(text, 'in.yaml')).toEqual(expected);
  });

  it.each([
    ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n', 2, 'not valid YAML'],
    ['a duplicate key', 'a: 1\na: 2\n', 2, 'duplicate key "a"'],
    ['a duplicate key in a nested map', 'top:\n  x: 1\n  y: 2\n  x: 3\n', 4, 'duplicate key "x"'],
    ['a number and a string key that collide', '1: a\n"1": b\n', 2, 'duplicate key "1"'],
    ['a tab indent', 'a:\n\t- 1\n', 2, 'not valid YAML'],
    ['a 5000-deep flow sequence', nestedFlow(5000), 1, 'nested more than 256 levels'],
    ['a 300-deep block mapping', nestedBlock(300), 257, 'nested more than 256 levels'],
    ['a block mapping one level too deep', nestedBlock(MAX_DOCUMENT_DEPTH + 1), 257, 'nested more'],
  ])('reports %s as INPUT_YAML with the source and line', (_name, text, line, message) => {
    const error = errorOf(text);
    expect(isCnsError(error) && error.code).toBe('INPUT_YAML');
    expect(isCnsError(error) && error.details).toMatchObject({ source: 'snap.yaml', line });
    expect(String((error as Error).message)).toContain(message);
    expect(String((error as Error).message)).not.toMatch(/call stack/i);
  });

  it.each([
    [
      'a JSON document one level too deep',
      nestedJson(MAX_DOCUMENT_DEPTH + 1),
      'nested more than 256 levels',
    ],
    ['a 5000-deep JSON document', nestedJson(5000), 'nested more than 256 levels'],
    ['an alias bomb', aliasBomb, 'aliases expand too far'],
    [
      'aliases that stack deep subtrees',
      [
        `a: &a ${'['.repeat(200)}${']'.repeat(200)}`,
        `b: &b ${'['.repeat(200)}*a${']'.repeat(200)}`,
      ].join('\n'),
      'nested more than 256 levels',
    ],
  ])('refuses %s as INPUT_YAML, never a stack overflow', (_name, text, message) => {
    const error = errorOf(text);
    expect(isCnsError(error) && error.code).toBe('INPUT_YAML');
    expect(String((error as Error).message)).toContain(message);
  });
});

describe('parseDocumentText: what a refusal says and carries', () => {
  const tooDeep =
    'nested more than 256 levels deep; no cnsctl document needs that, so it is refused';
  const duplicate = (key: string) =>
    `not valid YAML or JSON: duplicate key "${key}" in one map; keep one of them`;
  it.each([
    [
      'a syntax error',
      'a: [1, 2\nb: 3\n',
      'snap.yaml:2:1: not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ]',
      { line: 2, column: 1, yamlCode: 'BAD_INDENT' },
    ],
    [
      'a duplicate key',
      'a: 1\na: 2\n',
      `snap.yaml:2:1: ${duplicate('a')}`,
      { line: 2, column: 1, yamlCode: 'DUPLICATE_KEY' },
    ],
    [
      'a duplicate key in a list item',
      '- a: 1\n  a: 2\n',
      `snap.yaml:2:3: ${duplicate('a')}`,
      { line: 2, column: 3, yamlCode: 'DUPLICATE_KEY' },
    ],
    [
      'a duplicate collection key',
      '[1]: a\n[1]: b\n',
      `snap.yaml:2:1: ${duplicate('[1]')}`,
      { line: 2, column: 1, yamlCode: 'DUPLICATE_KEY' },
    ],
    [
      'a duplicate alias key',
      'x: &k a\n*k : 1\n*k : 2\n',
      `snap.yaml:3:1: ${duplicate('*k')}`,
      { line: 3, column: 1, yamlCode: 'DUPLICATE_KEY' },
    ],
    [
      'a block mapping too deep',
      nestedBlock(300),
      `snap.yaml:257:513: ${tooDeep}`,
      { line: 257, column: 513, yamlCode: 'TOO_DEEP' },
    ],
    [
      'a block sequence too deep',
      nestedSeq(300),
      `snap.yaml:257:513: ${tooDeep}`,
      { line: 257, column: 513, yamlCode: 'TOO_DEEP' },
    ],
    [
      'a key too deep',
      `? ${'['.repeat(300)}${']'.repeat(300)}\n: 1\n`,
      `snap.yaml:1:258: ${tooDeep}`,
      { line: 1, column: 258, yamlCode: 'TOO_DEEP' },
    ],
    [
      'a JSON document too deep',
      nestedJson(MAX_DOCUMENT_DEPTH + 1),
      `snap.yaml: ${tooDeep}`,
      { yamlCode: 'TOO_DEEP' },
    ],
    [
      'a JSON list too deep',
      `${'['.repeat(257)}${']'.repeat(257)}`,
      `snap.yaml: ${tooDeep}`,
      { yamlCode: 'TOO_DEEP' },
    ],
    [
      'aliases that stack deep subtrees',
      [
        `a: &a ${'['.repeat(200)}${']'.repeat(200)}`,
        `b: &b ${'['.repeat(200)}*a${']'.repeat(200)}`,
      ].join('\n'),
      `snap.yaml: ${tooDeep}`,
      { yamlCode: 'TOO_DEEP' },
    ],
    [
      'an alias bomb',
      aliasBomb,
      'snap.yaml: its aliases expand too far (over 100 uses, the shape of an alias bomb); write the repeated values out',
      { yamlCode: 'ALIAS_LIMIT' },
    ],
  ])('%s: the message and the details', (_case, text, message, details) => {
    const error = errorOf(text);
    expect(isCnsError(error) && [error.code, error.message, error.details]).toEqual([
      'INPUT_YAML',
      message,
      { source: 'snap.yaml', ...details },
    ]);
  });

  it('keeps what yaml threw as the cause of an alias bomb', () => {
    expect((errorOf(aliasBomb) as Error).cause).toBeInstanceOf(ReferenceError);
  });

  it.each([
    ['a JSON list after white space', ' [1, {"a": 2}]', [1, { a: 2 }]],
    ['a scalar', '5', 5],
    ['nothing', '', null],
    [
      'pairs in a flow sequence, read by yaml',
      'x: &x 1\ny: [a: *x, a: 2]\n',
      { x: 1, y: [{ a: 1 }, { a: 2 }] },
    ],
    [
      `a block sequence ${MAX_DOCUMENT_DEPTH} levels deep`,
      nestedSeq(MAX_DOCUMENT_DEPTH),
      expect.anything(),
    ],
    ['aliases that stay shallow', 'a: &a [1]\nb: [[*a]]\n', { a: [1], b: [[[1]]] }],
  ])('reads %s', (_case, text, value) => {
    expect(parseDocumentText(text, 'snap.yaml')).toEqual(value);
  });
});

describe('reading YAML fast and reading it with yaml (properties)', () => {
  const tricky = fc.constantFrom(
    '24.04',
    '0o17',
    '0x1F',
    '0b101',
    '1_000',
    '1e3',
    '.inf',
    '-.5',
    'true',
    'True',
    'yes',
    'on',
    'no',
    'null',
    '~',
    '',
    ' ',
    'a: b',
    '- x',
    '#c',
    '"q"',
    "'s'",
    'é',
    'line\nbreak',
    'tab\tx',
    '<<',
    '2026-01-13T13:02:29Z',
    '570.133.20',
    'v1.34.1-eks-3025e55',
    '{ path=/usr/bin/containerd }',
  );
  const scalar = fc.oneof(
    tricky,
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
    list: fc.array(tie('node'), { maxLength: 4 }),
    map: fc.dictionary(fc.oneof(tricky, fc.string()), tie('node'), { maxKeys: 4 }),
  })).map;

  it('gives the values yaml gives, for what cnsctl writes (YAML 1.1) and for YAML 1.2 and flow styles', () => {
    fc.assert(
      fc.property(value, (document) => {
        for (const text of [
          toYaml(document),
          stringify(document),
          stringify(document, { collectionStyle: 'flow' }),
        ]) {
          const reference = parseDocument(text, {
            strict: true,
            uniqueKeys: false,
          }).toJS() as unknown;
          // js-yaml itself must accept and agree, not only the fallback to yaml.
          expect(load(text, { maxAliases: 0, maxDepth: MAX_DOCUMENT_DEPTH })).toEqual(reference);
          expect(parseDocumentText(text, 'doc.yaml')).toEqual(reference);
        }
      }),
      { numRuns: 300 },
    );
  });
});
