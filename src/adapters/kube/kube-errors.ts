/**
 * @module The Kubernetes client's failures as CnsErrors, translated at the adapter boundary the way
 * kubectl's error handling does: one line that names the cluster, what was refused or what failed,
 * and what to check. 401/403 → FORBIDDEN, 404 → NOT_FOUND, 409 → CONFLICT, 400/422 → USAGE (the
 * server refused what was sent), 429 and 5xx → UNAVAILABLE (504 → TIMEOUT), a refused connection or a
 * TLS failure → CLUSTER_UNREACHABLE, an aborted request → TIMEOUT or CANCELLED by why it was aborted.
 */
import { CnsError, type ErrorCode } from '../../core/shared/errors.js';

/** The request that failed, for the message: `create jobs.batch in namespace "gpu-operator"`. */
export interface KubeCall {
  /** `cluster "prod" (https://10.0.0.1:6443)`. */
  readonly cluster: string;
  readonly verb: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** The Status object the API server sends with an error. */
interface ApiStatus {
  readonly message?: string;
  readonly reason?: string;
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const CONNECTION_HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

/** Translates what the client threw during `call`; `signal` tells a timeout from Ctrl-C. */
export function toKubeError(error: unknown, call: KubeCall, signal?: AbortSignal): CnsError {
  if (error instanceof CnsError) return error;
  const what = describeCall(call);
  const details = { cluster: call.cluster, verb: call.verb, resource: call.resource };
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    const reason: unknown = signal?.reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return timedOut
      ? new CnsError('TIMEOUT', `${call.cluster}: no answer in time to ${what}`, {
          details,
          cause: error,
        })
      : new CnsError('CANCELLED', `${call.cluster}: cancelled while trying to ${what}`, {
          details,
          cause: error,
        });
  }
  const status = httpStatusOf(error);
  if (status !== undefined) return fromStatus(status, apiStatusOf(error), call, error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && TLS_CODES.has(code)) {
    return new CnsError(
      'CLUSTER_UNREACHABLE',
      `${call.cluster}: the server's TLS certificate is not trusted (${code}); check the kubeconfig's certificate-authority-data for this cluster`,
      { details: { ...details, errno: code }, cause: error },
    );
  }
  if (typeof code === 'string' && CONNECTION_HINTS[code]) {
    return new CnsError(
      'CLUSTER_UNREACHABLE',
      `${call.cluster}: cannot connect (${CONNECTION_HINTS[code]}); check that the API server is up and that the kubeconfig's server address is right`,
      { details: { ...details, errno: code }, cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CnsError(
    'CLUSTER_UNREACHABLE',
    `${call.cluster}: cannot ${what}: ${firstLine(message)}`,
    { details, cause: error },
  );
}

function fromStatus(status: number, api: ApiStatus, call: KubeCall, cause: unknown): CnsError {
  const what = describeCall(call);
  const said = api.message ? `: ${firstLine(api.message)}` : '';
  const details = {
    cluster: call.cluster,
    verb: call.verb,
    resource: call.resource,
    status,
    ...(api.reason ? { reason: api.reason } : {}),
  };
  const make = (code: ErrorCode, message: string) =>
    new CnsError(code, `${call.cluster}: ${message}`, { details, cause });
  switch (true) {
    case status === 401:
      return make(
        'FORBIDDEN',
        `the credentials were refused (401 Unauthorized) trying to ${what}; check the kubeconfig's user (an expired token or certificate?) or log in again`,
      );
    case status === 403:
      return make(
        'FORBIDDEN',
        `not allowed to ${what} (403 Forbidden${said}); ask a cluster admin for this permission`,
      );
    case status === 404:
      return make('NOT_FOUND', `cannot ${what}: not found${said}`);
    case status === 409:
      return make('CONFLICT', `cannot ${what}: conflict${said}`);
    case status === 400 || status === 422:
      return make('USAGE', `the server refused to ${what}${said}`);
    case status === 429:
      return make(
        'UNAVAILABLE',
        `the server is throttling requests (429) to ${what}; try again later`,
      );
    case status === 504:
      return make('TIMEOUT', `the server timed out (504) trying to ${what}${said}`);
    default:
      return make(
        'UNAVAILABLE',
        `the server failed (HTTP ${status}) trying to ${what}${said}; check the API server's health`,
      );
  }
}

/** `create jobs.batch "cns-agent" in namespace "gpu-operator"`. */
export function describeCall(call: KubeCall): string {
  const name = call.name ? ` "${call.name}"` : '';
  const where = call.namespace ? ` in namespace "${call.namespace}"` : '';
  return `${call.verb} ${call.resource}${name}${where}`;
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // ApiException carries `code`; a failed watch carries `statusCode`.
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  if (typeof statusCode === 'number') return statusCode;
  return undefined;
}

/** ApiException's body is the Status as a JSON string (sometimes already parsed, or empty). */
function apiStatusOf(error: unknown): ApiStatus {
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'object' && body !== null) return body;
  if (typeof body !== 'string' || body === '') return {};
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}
