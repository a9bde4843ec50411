import { describe, expect, it } from 'vitest';
import { isCnsError } from './errors.js';
import { parseDocumentText } from './parse-document-text.js';

describe('parseDocumentText', () => {
  it.each([
    ['YAML', 'a: 1\nb: [x, "24.04"]\n', { a: 1, b: ['x', '24.04'] }],
    ['JSON', '{"a": 1, "b": ["x"]}', { a: 1, b: ['x'] }],
    ['JSON with a comment, read as YAML', '{"a": 1 # note\n}', { a: 1 }],
  ])('reads %s', (_name, text, expected) => {
    expect(parseDocumentText(text, 'in.yaml')).toEqual(expected);
  });

  it.each([
    ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n', 2],
    ['a duplicate key', 'a: 1\na: 2\n', 2],
    ['a tab indent', 'a:\n\t- 1\n', 2],
  ])('reports %s as INPUT_YAML with the source and line', (_name, text, line) => {
    try {
      parseDocumentText(text, 'snap.yaml');
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('INPUT_YAML');
      expect(isCnsError(error) && error.details).toMatchObject({ source: 'snap.yaml', line });
    }
  });
});
