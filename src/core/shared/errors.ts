/**
 * @module The one error type of the project: a closed set of codes, a message that says what failed on
 * what and what to do next, and structured details. Shells map codes to exit codes and HTTP statuses
 * through error-status.ts; nothing else decides how an error ends a run.
 */

export const ERROR_CODES = [
  'USAGE',
  'INPUT_YAML',
  'INPUT_SCHEMA',
  'UNKNOWN_CRITERIA',
  'BAD_CONSTRAINT',
  'BAD_DATA',
  'INPUT_TOO_LARGE',
  'NOT_FOUND',
  'FORBIDDEN',
  'TIMEOUT',
  'CLUSTER_UNREACHABLE',
  'CONFLICT',
  'UNAVAILABLE',
  'CANCELLED',
  'INTERNAL',
  // HTTP only (cnsd): the request's method, Accept, Content-Type or rate, not its content.
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Readonly<Record<string, unknown>>;

export interface CnsErrorOptions {
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
}

export class CnsError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: CnsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CnsError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isCnsError(error: unknown): error is CnsError {
  return error instanceof CnsError;
}

/** Wraps anything thrown into a CnsError, keeping the code of one that already is. */
export function toCnsError(error: unknown): CnsError {
  if (isCnsError(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new CnsError('CANCELLED', 'cancelled', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CnsError('INTERNAL', message, { cause: error });
}
