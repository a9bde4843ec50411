import { describe, expect, it } from 'vitest';
import { sourceName } from './document-source.js';

describe('sourceName', () => {
  it.each([
    ['standard input is shown as <stdin>', '-', '<stdin>'],
    ['a path stays as typed', 'snapshots/node-1.yaml', 'snapshots/node-1.yaml'],
    ['a URI stays as typed', 'cm://gpu-operator/cns-snapshot', 'cm://gpu-operator/cns-snapshot'],
    ['a dash inside a name is a name', './-', './-'],
  ])('%s', (_name, location, expected) => {
    expect(sourceName(location)).toBe(expected);
  });
});
