/**
 * @module The one place cnsd turns an error into an answer: `{code, message, details, requestId}` with
 * the HTTP status of the shared error table (core/shared/error-status.ts). Errors of the HTTP layer
 * (an unknown content type, a body over the limit, a malformed request line) get their closed code
 * here; anything unexpected is INTERNAL, answered without its message, stack or cause, which go to
 * the log under the same request id.
 */
import { httpStatusFor } from '../core/shared/error-status.js';
import { CnsError, isCnsError, type ErrorCode } from '../core/shared/errors.js';

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly requestId: string;
}

export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorBody;
  /** The error as answered; `internal` holds what was kept out of the answer, for the log. */
  readonly error: CnsError;
  readonly internal?: unknown;
}

interface FrameworkError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly message?: unknown;
}

/** Fastify's own errors that are the client's doing, by their code. */
const FRAMEWORK_CODES: Readonly<Record<string, (error: FrameworkError) => CnsError>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new CnsError(
      'UNSUPPORTED_MEDIA_TYPE',
      'the body must be a JSON or YAML document: send Content-Type application/json or application/yaml',
      { details: { accepted: ['application/json', 'application/yaml'] } },
    ),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new CnsError(
      'INPUT_TOO_LARGE',
      'the request body is over this server’s limit (CNSD_BODY_LIMIT_BYTES)',
    ),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new CnsError('USAGE', 'the Content-Length header does not match the body sent'),
};

/** The CnsError an error is answered as; `internal` is set when its text must not be shown. */
export function classifyError(error: unknown): { error: CnsError; internal?: unknown } {
  if (isCnsError(error) && error.code !== 'INTERNAL') return { error };
  const framework = (isCnsError(error) ? {} : (error ?? {})) as FrameworkError;
  const known = typeof framework.code === 'string' ? FRAMEWORK_CODES[framework.code] : undefined;
  if (known) return { error: known(framework) };
  const status = typeof framework.statusCode === 'number' ? framework.statusCode : 500;
  // Other client errors of the framework (a malformed URL, a bad header) carry a safe message.
  if (status >= 400 && status < 500 && typeof framework.message === 'string') {
    return { error: new CnsError('USAGE', framework.message) };
  }
  return {
    error: new CnsError(
      'INTERNAL',
      'internal error: this is a bug in cnsd; the server log has the details under this request id',
    ),
    internal: error,
  };
}

export function errorReply(error: unknown, requestId: string): ErrorReply {
  const classified = classifyError(error);
  const { code, message, details } = classified.error;
  return {
    status: httpStatusFor(code),
    body: { code, message, details, requestId },
    ...classified,
  };
}
