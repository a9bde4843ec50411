import { describe, expect, it } from 'vitest';
import { CnsError } from '../shared/errors.js';
import {
  CHECKSUMS_FILE,
  compareChecksums,
  parseChecksums,
  renderChecksums,
  sha256Hex,
} from './checksums.js';
import {
  buildFileTree,
  EXECUTABLE_MODE,
  FILE_MODE,
  fileBytes,
  type FileTree,
} from './file-tree.js';

describe('buildFileTree', () => {
  it('orders files by path and gives scripts the executable mode', () => {
    const tree = buildFileTree([
      { path: 'b/values.yaml', content: 'b' },
      { path: 'a.sh', content: '#!/bin/sh', executable: true },
      { path: 'B', content: new Uint8Array([1]) },
    ]);
    expect([...tree].map(([path, file]) => [path, file.mode])).toEqual([
      ['B', FILE_MODE],
      ['a.sh', EXECUTABLE_MODE],
      ['b/values.yaml', FILE_MODE],
    ]);
  });

  it.each([
    [
      'a path given twice',
      [
        { path: 'a', content: '' },
        { path: 'a', content: '' },
      ],
    ],
    ['a path that climbs out', [{ path: '../a', content: '' }]],
    ['an absolute path', [{ path: '/a', content: '' }]],
    ['an empty segment', [{ path: 'a//b', content: '' }]],
    [
      'a file that is also a folder',
      [
        { path: 'a', content: '' },
        { path: 'a/b', content: '' },
      ],
    ],
  ])('refuses %s as a renderer bug', (_, entries) => {
    expect(() => buildFileTree(entries)).toThrow(CnsError);
  });
});

describe('checksums', () => {
  const tree = buildFileTree([
    { path: 'README.md', content: 'hello\n' },
    { path: 'x/run.sh', content: 'echo\n', executable: true },
  ]);

  it('are written as sha256sum writes them, sorted by path', () => {
    expect(renderChecksums(tree)).toBe(
      `${sha256Hex(new TextEncoder().encode('hello\n'))}  README.md\n${sha256Hex(new TextEncoder().encode('echo\n'))}  x/run.sh\n`,
    );
    expect(sha256Hex(new TextEncoder().encode('hello\n'))).toBe(
      '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
    );
  });

  it('read back as written, binary-mode marks included', () => {
    const text = renderChecksums(tree);
    expect([...parseChecksums(text, 'c')]).toEqual([
      ['README.md', sha256Hex(new TextEncoder().encode('hello\n'))],
      ['x/run.sh', sha256Hex(new TextEncoder().encode('echo\n'))],
    ]);
    expect(parseChecksums(text.replace('  x/', ' *x/'), 'c').has('x/run.sh')).toBe(true);
    expect(() => parseChecksums('nonsense\n', 'c')).toThrow(/c:1: expected/);
  });

  it('report missing, extra and changed files against the list', () => {
    const listed: FileTree = new Map([
      ...tree,
      [CHECKSUMS_FILE, { content: renderChecksums(tree), mode: FILE_MODE }],
    ]);
    expect(compareChecksums(listed, 'b')).toEqual({
      missing: [],
      extra: [],
      changed: [],
      checked: 2,
    });
    const tampered: FileTree = new Map([
      ['README.md', { content: 'changed\n', mode: FILE_MODE }],
      ['notes.txt', { content: '', mode: FILE_MODE }],
      [CHECKSUMS_FILE, listed.get(CHECKSUMS_FILE) as { content: string; mode: typeof FILE_MODE }],
    ]);
    expect(compareChecksums(tampered, 'b')).toEqual({
      missing: ['x/run.sh'],
      extra: ['notes.txt'],
      changed: ['README.md'],
      checked: 2,
    });
    expect(() => compareChecksums(tree, 'b')).toThrow(/no checksums.txt/);
    expect(new TextDecoder().decode(fileBytes(listed.get('README.md') as never))).toBe('hello\n');
  });
});
