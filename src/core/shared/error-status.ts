/**
 * @module The single table from error code to process exit code and HTTP status. Exit code 1 is not
 * here on purpose: it means "the command ran and found failures", which is a result, not an error.
 */
import type { ErrorCode } from './errors.js';

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;

interface ErrorStatus {
  readonly exitCode: number;
  readonly httpStatus: number;
  /** What the code means, as docs/cli.md's exit-code table begins to say it (a test keeps them equal). */
  readonly meaning: string;
}

export const ERROR_STATUS: Readonly<Record<ErrorCode, ErrorStatus>> = {
  USAGE: { exitCode: 2, httpStatus: 400, meaning: 'bad flags or arguments' },
  INPUT_YAML: { exitCode: 2, httpStatus: 400, meaning: 'input is not valid YAML or JSON' },
  INPUT_SCHEMA: {
    exitCode: 2,
    httpStatus: 400,
    meaning: 'input does not match its document schema',
  },
  UNKNOWN_CRITERIA: {
    exitCode: 2,
    httpStatus: 400,
    meaning: 'a criteria value is not one of the accepted values',
  },
  BAD_CONSTRAINT: {
    exitCode: 2,
    httpStatus: 400,
    meaning: 'a constraint or version cannot be parsed',
  },
  BAD_DATA: {
    exitCode: 2,
    httpStatus: 400,
    meaning: 'recipe data (embedded or --data) is invalid',
  },
  INPUT_TOO_LARGE: {
    exitCode: 2,
    httpStatus: 413,
    meaning: 'an input is over its size limit',
  },
  NOT_FOUND: {
    exitCode: 3,
    httpStatus: 404,
    meaning: 'a file, URL, ConfigMap or selected path does not exist',
  },
  FORBIDDEN: {
    exitCode: 4,
    httpStatus: 403,
    meaning: 'permission denied (file mode, RBAC, HTTP 401/403)',
  },
  TIMEOUT: { exitCode: 5, httpStatus: 504, meaning: 'an operation ran past its deadline' },
  CLUSTER_UNREACHABLE: {
    exitCode: 6,
    httpStatus: 503,
    meaning: 'the Kubernetes API or a URL cannot be reached',
  },
  CONFLICT: {
    exitCode: 7,
    httpStatus: 409,
    meaning: 'a cluster object is in the way',
  },
  UNAVAILABLE: {
    exitCode: 6,
    httpStatus: 503,
    meaning: 'a required source is absent',
  },
  CANCELLED: { exitCode: 130, httpStatus: 499, meaning: 'interrupted (Ctrl-C)' },
  INTERNAL: { exitCode: 8, httpStatus: 500, meaning: 'a bug' },
  METHOD_NOT_ALLOWED: {
    exitCode: 2,
    httpStatus: 405,
    meaning: 'cnsd: the path does not take this HTTP method',
  },
  NOT_ACCEPTABLE: {
    exitCode: 2,
    httpStatus: 406,
    meaning: 'cnsd: no format the Accept header allows',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    exitCode: 2,
    httpStatus: 415,
    meaning: 'cnsd: the body is not JSON or YAML',
  },
  // aicr's exit code for rate limiting.
  RATE_LIMITED: {
    exitCode: 7,
    httpStatus: 429,
    meaning: 'cnsd: too many requests from this client',
  },
};

export function exitCodeFor(code: ErrorCode): number {
  return ERROR_STATUS[code].exitCode;
}

export function httpStatusFor(code: ErrorCode): number {
  return ERROR_STATUS[code].httpStatus;
}
