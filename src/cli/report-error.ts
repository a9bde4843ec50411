/**
 * @module The one place an error becomes text and an exit code (kubectl's CheckErr, without exiting):
 * one clear line by default; details, the cause chain and the stack with --debug; a bug-report hint
 * for INTERNAL.
 */
import { toCnsError } from '../core/shared/errors.js';
import { exitCodeFor } from '../core/shared/error-status.js';
import type { GlobalFlags, OutputStream } from './cli-context.js';

export function reportError(error: unknown, stderr: OutputStream, globals: GlobalFlags): number {
  const cnsError = toCnsError(error);
  if (globals.logJson) {
    stderr.write(
      `${JSON.stringify({ level: 'error', code: cnsError.code, msg: cnsError.message, details: cnsError.details })}\n`,
    );
  } else {
    stderr.write(`error: ${cnsError.message}\n`);
  }
  if (cnsError.code === 'INTERNAL') {
    stderr.write(
      'This is a bug in cnsctl. Please report it with the output of the same command run with --debug.\n',
    );
  }
  if (globals.debug) {
    stderr.write(`code: ${cnsError.code}\n`);
    if (Object.keys(cnsError.details).length > 0)
      stderr.write(`details: ${safeJson(cnsError.details)}\n`);
    let cause: unknown = cnsError;
    while (cause instanceof Error) {
      stderr.write(`${cause.stack ?? `${cause.name}: ${cause.message}`}\n`);
      cause = cause.cause;
      if (cause !== undefined) stderr.write('caused by: ');
    }
    if (cause !== undefined) stderr.write(`${safeJson(cause)}\n`);
  }
  return exitCodeFor(cnsError.code);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
