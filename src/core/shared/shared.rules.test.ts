// The shared rules every command relies on: what a bad document's error says (docs/cli.md: the
// message names file:line:column or the field path), the exit code and HTTP status of each error
// code, and deterministic output (sorted keys where order means nothing, no YAML anchors).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWithSchema } from './documents.js';
import { ERROR_STATUS, exitCodeFor, httpStatusFor } from './error-status.js';
import { CnsError, ERROR_CODES, isCnsError, toCnsError } from './errors.js';
import { parseDocumentText } from './parse-document-text.js';
import { sortKeysDeep, toYaml } from './serialize.js';

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isCnsError(error)) return error.message;
    throw error;
  }
  throw new Error('no error');
}

describe('parseDocumentText', () => {
  it.each([
    [
      'a: b: c',
      'x.yaml:1:4: not valid YAML or JSON: Nested mappings are not allowed in compact mappings',
    ],
    // The YAML 1.2 rules the parser could let pass are enforced too.
    [
      'a: "b"#c',
      'x.yaml:1:7: not valid YAML or JSON: Comments must be separated from other tokens by white space characters',
    ],
    [
      '[a\n: b]',
      'x.yaml:1:3: not valid YAML or JSON: Implicit keys of flow sequence pairs need to be on a single line',
    ],
  ])('refuses %j with the source, line, column and first line of the problem', (text, message) => {
    expect(messageOf(() => parseDocumentText(text, 'x.yaml'))).toBe(message);
  });
});

describe('parseWithSchema', () => {
  const schema = z.object({ items: z.array(z.string()) });

  it.each([
    [
      'a value inside',
      { items: ['a', 1] },
      'doc.yaml: not a valid Thing at items[1]: Invalid input: expected string, received number',
    ],
    [
      'the document itself',
      'text',
      'doc.yaml: not a valid Thing: Invalid input: expected object, received string',
    ],
  ])('names the path of the first problem in %s', (_where, value, message) => {
    expect(messageOf(() => parseWithSchema(schema, value, 'doc.yaml', 'Thing'))).toBe(message);
  });
});

describe('error codes', () => {
  it.each(ERROR_CODES.map((code) => [code]))('%s has one exit code and one HTTP status', (code) => {
    expect(exitCodeFor(code)).toBe(ERROR_STATUS[code].exitCode);
    expect(httpStatusFor(code)).toBe(ERROR_STATUS[code].httpStatus);
  });

  it.each([
    ['USAGE', 2, 400],
    ['NOT_FOUND', 3, 404],
    ['FORBIDDEN', 4, 403],
    ['TIMEOUT', 5, 504],
    ['INTERNAL', 8, 500],
    ['CANCELLED', 130, 499],
  ] as const)('%s exits %i and answers HTTP %i', (code, exit, http) => {
    expect([exitCodeFor(code), httpStatusFor(code)]).toEqual([exit, http]);
  });
});

describe('deterministic output', () => {
  it('writes an object used twice as two copies, never as a YAML anchor and alias', () => {
    const shared = { enabled: true };
    expect(toYaml({ a: shared, b: shared })).toBe('a:\n  enabled: true\nb:\n  enabled: true\n');
  });

  it('sorts keys at every depth, inside lists too, and keeps nulls', () => {
    const sorted = sortKeysDeep({
      e: null,
      d: [{ z: 1, y: 2 }],
      c: { b: 1, a: { y: 0, x: 0 } },
      b: 2,
      a: 1,
    });
    expect(JSON.stringify(sorted)).toBe(
      '{"a":1,"b":2,"c":{"a":{"x":0,"y":0},"b":1},"d":[{"y":2,"z":1}],"e":null}',
    );
  });

  it('sorts keys in any starting order, many keys too', () => {
    const keys = Array.from(
      { length: 100 },
      (_, i) => `k${String((i * 37) % 100).padStart(3, '0')}`,
    );
    for (const order of [['b', 'a', 'c'], ['a', 'c', 'b'], keys]) {
      const sorted = sortKeysDeep(Object.fromEntries(order.map((key) => [key, 0])));
      expect(Object.keys(sorted)).toEqual([...order].sort());
    }
  });
});

describe('toCnsError', () => {
  it('keeps a CnsError as it is', () => {
    const error = new CnsError('NOT_FOUND', 'x: no such file');
    expect(toCnsError(error)).toBe(error);
  });

  it('turns an abort into CANCELLED, keeping the abort as the cause', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    const error = toCnsError(abort);
    expect([error.code, error.message, error.cause]).toEqual(['CANCELLED', 'cancelled', abort]);
  });

  it.each([
    ['an Error', new TypeError('x is not a function'), 'x is not a function'],
    [
      'an Error named like an abort by someone else',
      Object.assign(new Error('late'), { name: 'AbortErr' }),
      'late',
    ],
    ['anything else', 42, '42'],
  ])(
    'turns %s into INTERNAL with its message, keeping it as the cause',
    (_case, thrown, message) => {
      const error = toCnsError(thrown);
      expect([error.code, error.message, error.cause, error.name]).toEqual([
        'INTERNAL',
        message,
        thrown,
        'CnsError',
      ]);
    },
  );

  it('has a cause only when given one', () => {
    expect('cause' in new CnsError('USAGE', 'x')).toBe(false);
    expect(new CnsError('USAGE', 'x', { cause: 'why' }).cause).toBe('why');
  });
});
