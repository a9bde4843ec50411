/**
 * @module Translates Node file-system errors into CnsErrors at the adapter boundary, so a missing file
 * is NOT_FOUND (exit 3) and a permission problem FORBIDDEN (exit 4), each naming the path.
 */
import { CnsError } from '../core/shared/errors.js';

export function toFsError(
  error: unknown,
  path: string,
  action: 'read' | 'write' | 'list',
): CnsError {
  if (error instanceof CnsError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const details = { path, errno: code };
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new CnsError('NOT_FOUND', `${path}: no such file or directory`, {
        details,
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
      return new CnsError('FORBIDDEN', `${path}: permission denied (${action})`, {
        details,
        cause: error,
      });
    case 'EISDIR':
      return new CnsError('USAGE', `${path}: is a directory, expected a file`, {
        details,
        cause: error,
      });
    case 'EROFS':
      return new CnsError('FORBIDDEN', `${path}: read-only file system`, { details, cause: error });
    case 'ENOSPC':
      return new CnsError('UNAVAILABLE', `${path}: no space left on device`, {
        details,
        cause: error,
      });
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new CnsError('INTERNAL', `cannot ${action} ${path}: ${message}`, {
        details,
        cause: error,
      });
    }
  }
}
