import { describe, expect, it } from 'vitest';
import { isCnsError } from './errors.js';
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
