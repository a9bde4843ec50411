import { describe, expect, it } from 'vitest';
import { negotiate } from './negotiate.js';

const OFFERED = ['application/json', 'application/yaml'] as const;

describe('negotiate', () => {
  it.each([
    ['no Accept header gives the first offered type', undefined, 'application/json'],
    ['an empty header gives the first offered type', ' ', 'application/json'],
    ['*/* gives the first offered type', '*/*', 'application/json'],
    ['an exact type is chosen', 'application/yaml', 'application/yaml'],
    ['the higher quality wins', 'application/json;q=0.4, application/yaml', 'application/yaml'],
    [
      'a browser header falls back to */*',
      'text/html,application/xhtml+xml,*/*;q=0.8',
      'application/json',
    ],
    ['a type range matches', 'application/*', 'application/json'],
    [
      'a specific q=0 excludes a type a wider range allows',
      'application/json;q=0, */*',
      'application/yaml',
    ],
    ['case and spaces do not matter', ' Application/YAML ; q=1 ', 'application/yaml'],
  ])('%s', (_name, accept, expected) => {
    expect(negotiate(accept, [...OFFERED] as [string, ...string[]])).toBe(expected);
  });

  it('refuses a header that allows nothing offered, listing what is', () => {
    expect(() => negotiate('text/html', [...OFFERED] as [string, ...string[]])).toThrow(
      expect.objectContaining({
        code: 'NOT_ACCEPTABLE',
        details: { accept: 'text/html', offered: [...OFFERED] },
      }),
    );
  });
});
