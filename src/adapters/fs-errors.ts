/**
 * @module Translates Node's system errors into CnsErrors at the adapter boundary, one explicit row per
 * errno: what the user or the machine did wrong is never "a bug". A missing file is NOT_FOUND (exit 3),
 * a permission problem FORBIDDEN (4), a bad path USAGE (2), a full disk or a failing device
 * UNAVAILABLE (6); each message names the path and says what happened in words. An errno missing from
 * the table is still the environment's doing (UNAVAILABLE with the system's own words); only an error
 * that is not a system error at all, a defect of ours, becomes INTERNAL.
 */
import { CnsError, type ErrorCode } from '../core/shared/errors.js';

export type FsAction = 'read' | 'write' | 'list';

interface ErrnoMeaning {
  readonly code: ErrorCode | ((action: FsAction) => ErrorCode);
  /** What happened, in words, after "<path>: ". */
  readonly says: string | ((action: FsAction) => string);
}

/** Every errno a file read, write or listing can meet, with what it means for the user. */
export const ERRNO_MEANINGS: Readonly<Record<string, ErrnoMeaning>> = {
  ENOENT: { code: 'NOT_FOUND', says: 'no such file or directory' },
  ENOTDIR: {
    // Reading: the file is not there. Writing: the path asks for a directory where a file is.
    code: (action) => (action === 'write' ? 'USAGE' : 'NOT_FOUND'),
    says: (action) =>
      action === 'write'
        ? 'a part of the path is a file, not a directory'
        : 'no such file or directory (a part of the path is a file, not a directory)',
  },
  EISDIR: { code: 'USAGE', says: 'is a directory, expected a file' },
  ENAMETOOLONG: { code: 'USAGE', says: 'file name too long' },
  ELOOP: { code: 'USAGE', says: 'too many levels of symbolic links (a symlink loop?)' },
  EINVAL: { code: 'USAGE', says: 'not a valid path for this file system' },
  ESPIPE: { code: 'USAGE', says: 'cannot be used as a file (not seekable)' },
  ENXIO: { code: 'USAGE', says: 'a device or socket that cannot be opened as a file' },
  ENODEV: { code: 'USAGE', says: 'a device that cannot be opened as a file' },
  EOPNOTSUPP: { code: 'USAGE', says: 'the file system does not support this operation' },
  ENOTSUP: { code: 'USAGE', says: 'the file system does not support this operation' },
  EEXIST: { code: 'USAGE', says: 'already exists and is in the way' },
  ENOTEMPTY: { code: 'USAGE', says: 'directory not empty' },
  EACCES: { code: 'FORBIDDEN', says: (action) => `permission denied (${action})` },
  EPERM: { code: 'FORBIDDEN', says: (action) => `operation not permitted (${action})` },
  EROFS: { code: 'FORBIDDEN', says: 'read-only file system' },
  ETXTBSY: { code: 'FORBIDDEN', says: 'busy: a running program uses it' },
  ENOSPC: { code: 'UNAVAILABLE', says: 'no space left on device' },
  EDQUOT: { code: 'UNAVAILABLE', says: 'disk quota exceeded' },
  EFBIG: { code: 'UNAVAILABLE', says: 'file too large for the file system' },
  EIO: { code: 'UNAVAILABLE', says: 'input/output error from the device' },
  EMFILE: { code: 'UNAVAILABLE', says: 'too many open files in this process' },
  ENFILE: { code: 'UNAVAILABLE', says: 'too many open files on this system' },
  ENOMEM: { code: 'UNAVAILABLE', says: 'out of memory' },
  EBUSY: { code: 'UNAVAILABLE', says: 'device or resource busy' },
  EAGAIN: { code: 'UNAVAILABLE', says: 'temporarily unavailable; try again' },
  EINTR: { code: 'UNAVAILABLE', says: 'interrupted system call; try again' },
  ESTALE: { code: 'UNAVAILABLE', says: 'stale file handle (network file system)' },
  EXDEV: { code: 'UNAVAILABLE', says: 'cannot move across file systems' },
  EOVERFLOW: { code: 'INPUT_TOO_LARGE', says: 'too large to read' },
  ERR_FS_FILE_TOO_LARGE: { code: 'INPUT_TOO_LARGE', says: 'too large to read (over 2 GiB)' },
  EPIPE: { code: 'UNAVAILABLE', says: 'the reader closed the pipe' },
  ECANCELED: { code: 'CANCELLED', says: 'cancelled' },
  ABORT_ERR: { code: 'CANCELLED', says: 'cancelled' },
};

/** The errno (`ENOSPC`) of a Node system error; undefined for anything else. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^(E[A-Z0-9]+|ERR_FS_[A-Z_]+|ABORT_ERR)$/.test(code)
    ? code
    : undefined;
}

/** `error` as a CnsError naming `path`; a CnsError passes through unchanged. */
export function toFsError(error: unknown, path: string, action: FsAction): CnsError {
  if (error instanceof CnsError) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new CnsError('CANCELLED', `${path}: cancelled`, { details: { path }, cause: error });
  }
  const errno = errnoOf(error);
  const details = { path, errno };
  const message = error instanceof Error ? error.message : String(error);
  if (errno === undefined) {
    return new CnsError('INTERNAL', `cannot ${action} ${path}: ${message}`, {
      details,
      cause: error,
    });
  }
  const meaning = ERRNO_MEANINGS[errno];
  if (meaning === undefined) {
    // The system's own words ("EHOSTDOWN: host is down, open 'x'"), without the syscall tail.
    const words = message.replace(/^[A-Z0-9_]+: /, '').replace(/, \w+ '.*'$/, '');
    return new CnsError('UNAVAILABLE', `${path}: cannot ${action}: ${words} (${errno})`, {
      details,
      cause: error,
    });
  }
  const code = typeof meaning.code === 'function' ? meaning.code(action) : meaning.code;
  const says = typeof meaning.says === 'function' ? meaning.says(action) : meaning.says;
  return new CnsError(code, `${path}: ${says}`, { details, cause: error });
}
