import { mkdtemp, open, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../core/shared/error-status.js';
import { CnsError } from '../core/shared/errors.js';
import { ERRNO_MEANINGS, toFsError } from './fs-errors.js';

/** The error a real file-system call throws. */
async function thrownBy(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

describe('toFsError', () => {
  it.each([
    ['a missing file', 'ENOENT', 'read', 'NOT_FOUND', 'no such file or directory'],
    ['a file read under a file', 'ENOTDIR', 'read', 'NOT_FOUND', 'not a directory'],
    ['a file written under a file', 'ENOTDIR', 'write', 'USAGE', 'is a file, not a directory'],
    ['a directory read as a file', 'EISDIR', 'read', 'USAGE', 'is a directory'],
    ['a name over 255 bytes', 'ENAMETOOLONG', 'read', 'USAGE', 'file name too long'],
    ['a symlink loop', 'ELOOP', 'read', 'USAGE', 'symbolic links'],
    ['a full disk', 'ENOSPC', 'write', 'UNAVAILABLE', 'no space left on device'],
    ['a failing disk', 'EIO', 'read', 'UNAVAILABLE', 'input/output error'],
    ['a read-only file system', 'EROFS', 'write', 'FORBIDDEN', 'read-only file system'],
    ['a file over 2 GiB', 'ERR_FS_FILE_TOO_LARGE', 'read', 'INPUT_TOO_LARGE', 'over 2 GiB'],
  ])('maps %s (%s, %s) to %s', (_name, errno, action, code, words) => {
    const error = toFsError(
      Object.assign(new Error(`${errno}: something, open 'x'`), { code: errno }),
      'some/path.yaml',
      action as 'read' | 'write',
    );
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^some\/path\.yaml: /);
    expect(error.message).toContain(words);
  });

  it('gives every errno of its table a code other than INTERNAL, and a message naming the path', () => {
    for (const [errno, meaning] of Object.entries(ERRNO_MEANINGS)) {
      for (const action of ['read', 'write', 'list'] as const) {
        const error = toFsError(Object.assign(new Error(errno), { code: errno }), 'p', action);
        expect(error.code, errno).not.toBe('INTERNAL');
        expect(ERROR_STATUS[error.code].exitCode, errno).not.toBe(8);
        expect(error.message.startsWith('p: '), errno).toBe(true);
        expect(meaning).toBeDefined();
      }
    }
  });

  it('treats an errno it has no row for as the environment, in the system’s words', () => {
    const error = toFsError(
      Object.assign(new Error("EHOSTDOWN: host is down, open 'x'"), { code: 'EHOSTDOWN' }),
      'x',
      'read',
    );
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe('x: cannot read: host is down (EHOSTDOWN)');
  });

  it('calls only what is not a system error at all a bug', () => {
    expect(toFsError(new TypeError('undefined is not a function'), 'x', 'read').code).toBe(
      'INTERNAL',
    );
  });

  it('keeps a CnsError as it is', () => {
    const original = new CnsError('INPUT_TOO_LARGE', 'x: too big');
    expect(toFsError(original, 'x', 'read')).toBe(original);
  });

  it.each([
    [
      'ENOTDIR',
      'NOT_FOUND',
      async (dir: string) => {
        await writeFile(join(dir, 'file'), 'x');
        return () => readFile(join(dir, 'file', 'x.yaml'));
      },
    ],
    ['ENAMETOOLONG', 'USAGE', (dir: string) => () => readFile(join(dir, 'n'.repeat(300)))],
    [
      'ELOOP',
      'USAGE',
      async (dir: string) => {
        await symlink(join(dir, 'b'), join(dir, 'a'));
        await symlink(join(dir, 'a'), join(dir, 'b'));
        return () => readFile(join(dir, 'a'));
      },
    ],
    ['EISDIR', 'USAGE', (dir: string) => () => readFile(dir)],
    ['ENOENT', 'NOT_FOUND', (dir: string) => () => open(join(dir, 'absent'))],
  ])('maps the %s a real call throws to %s', async (errno, code, prepare) => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-errno-'));
    const error = await thrownBy(await prepare(dir));
    expect((error as { code?: string }).code).toBe(errno);
    expect(toFsError(error, 'p', 'read').code).toBe(code);
  });
});
