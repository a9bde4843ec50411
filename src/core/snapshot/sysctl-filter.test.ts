import { describe, expect, it } from 'vitest';
import { parseSysctlValue } from './parse-sysctl-value.js';
import { isSysctlPathSelected } from './sysctl-filter.js';

const defaults = { includeNet: false, keepVolatile: false };

describe('isSysctlPathSelected', () => {
  it.each([
    ['a kernel value is kept', '/proc/sys/kernel/osrelease', defaults, true],
    ['the net subtree is skipped by default', '/proc/sys/net', defaults, false],
    ['a value under net is skipped by default', '/proc/sys/net/core/rmem_max', defaults, false],
    [
      'net is walked when asked for',
      '/proc/sys/net/core/rmem_max',
      { ...defaults, includeNet: true },
      true,
    ],
    ['a path that only starts like net is kept', '/proc/sys/netfoo', defaults, true],
    ['a random uuid is left out', '/proc/sys/kernel/random/uuid', defaults, false],
    ['the file handle counter is left out', '/proc/sys/fs/file-nr', defaults, false],
    ['a volatile subtree directory is not descended', '/proc/sys/fs/quota', defaults, false],
    ['a file in a volatile subtree is left out', '/proc/sys/fs/quota/lookups', defaults, false],
    ['a sibling of a volatile file is kept', '/proc/sys/fs/file-max', defaults, true],
    [
      'volatile values are kept when asked for',
      '/proc/sys/kernel/random/uuid',
      { ...defaults, keepVolatile: true },
      true,
    ],
  ])('%s', (_name, path, selection, expected) => {
    expect(isSysctlPathSelected(path, selection)).toBe(expected);
  });
});

describe('parseSysctlValue', () => {
  it.each([
    ['a single value loses its newline', '6.8.0-1043-aws\n', '6.8.0-1043-aws'],
    [
      'tab-separated vector values become space-separated',
      '4096\t131072\t6291456\n',
      '4096 131072 6291456',
    ],
    [
      'multi-line content keeps its lines',
      'enabled\ninterpreter /usr/bin/qemu\n\n',
      'enabled\ninterpreter /usr/bin/qemu',
    ],
    ['an empty file is the empty string', '\n', ''],
    ['content with a NUL byte is binary', 'ab\u0000cd', undefined],
    ['content that did not decode as UTF-8 is binary', 'ab\uFFFDcd', undefined],
  ])('%s', (_name, text, expected) => {
    expect(parseSysctlValue(text)).toBe(expected);
  });
});
