import { describe, expect, it } from 'vitest';
import { isCnsError } from '../../core/shared/errors.js';
import { assertStdinReadOnce } from './stdin-once.js';

function messageOf(locations: Parameters<typeof assertStdinReadOnce>[0]): string | undefined {
  try {
    assertStdinReadOnce(locations);
    return undefined;
  } catch (error) {
    expect(isCnsError(error) && error.code).toBe('USAGE');
    return (error as Error).message;
  }
}

describe('assertStdinReadOnce', () => {
  it.each([
    ['no location reads stdin', { '--recipe': 'r.yaml', '--snapshot': 's.yaml' }],
    ['one flag reads stdin', { '--recipe': 'r.yaml', '--snapshot': '-' }],
    ['one argument reads stdin', { '--recipe': undefined, 'snapshot argument': ['a.yaml', '-'] }],
    ['absent flags read nothing', { '--criteria': undefined, '--snapshot': undefined }],
  ])('accepts %s', (_name, locations) => {
    expect(messageOf(locations)).toBeUndefined();
  });

  it.each([
    [
      'two flags',
      { '--criteria': '-', '--snapshot': '-' },
      'stdin (-) can be read only once, but --criteria and --snapshot each name it; give all but one as a file or URL',
    ],
    [
      'an argument given twice',
      { 'snapshot argument': ['-', 'b.yaml', '-'] },
      'stdin (-) can be read only once, but 2 snapshot arguments name it; give all but one as a file or URL',
    ],
    [
      'a flag and an argument',
      { '--recipe': '-', 'snapshot argument': ['-'] },
      'stdin (-) can be read only once, but --recipe and a snapshot argument each name it; give all but one as a file or URL',
    ],
  ])('refuses %s, naming who asked for stdin', (_name, locations, message) => {
    expect(messageOf(locations)).toBe(message);
  });
});
