/**
 * @module What one request hands its action: every port of the composition root, a reporter that
 * logs under the request's id, and a signal that aborts when the client goes away or the request's
 * time (CNSD_REQUEST_TIMEOUT_MS, counted from its arrival) runs out, the ActionDeps shape cnsctl
 * builds once per run. Work that outlives the deadline is answered as TIMEOUT, not waited for.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActionDeps, Ports, Reporter } from '../actions/ports.js';
import { CnsError } from '../core/shared/errors.js';

export type RunInRequest = <T>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (deps: ActionDeps) => Promise<T> | T,
) => Promise<T>;

/** Warnings and progress of an action, logged under the request's id. */
export const requestReporter = (request: FastifyRequest): Reporter => ({
  warn: (message) => request.log.warn(message),
  info: (message) => request.log.info(message),
});

export interface RequestScopeInput {
  readonly ports: Ports;
  readonly toolVersion: string;
  readonly requestTimeoutMs: number;
}

export function createRequestScope(input: RequestScopeInput): RunInRequest {
  const { ports, toolVersion, requestTimeoutMs } = input;
  return async (request, reply, work) => {
    const client = new AbortController();
    const onClose = (): void => {
      if (!reply.raw.writableFinished) {
        client.abort(new CnsError('CANCELLED', 'the client closed the connection'));
      }
    };
    reply.raw.once('close', onClose);
    // AbortSignal.timeout takes whole milliseconds only.
    const remainingMs = Math.max(1, Math.ceil(requestTimeoutMs - reply.elapsedTime));
    const signal = AbortSignal.any([client.signal, ports.timeouts.signal(remainingMs)]);
    const deps: ActionDeps = {
      ...ports,
      reporter: requestReporter(request),
      signal,
      toolVersion,
    };
    let stop = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      const onAbort = (): void => reject(abortReason(signal.reason, requestTimeoutMs));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      stop = () => signal.removeEventListener('abort', onAbort);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => work(deps)), aborted]);
    } finally {
      stop();
      reply.raw.removeListener('close', onClose);
    }
  };
}

function abortReason(reason: unknown, requestTimeoutMs: number): CnsError {
  if (reason instanceof CnsError) return reason;
  return new CnsError(
    'TIMEOUT',
    `the request took longer than ${requestTimeoutMs} ms (CNSD_REQUEST_TIMEOUT_MS); send less at once or raise the limit`,
    { details: { timeoutMs: requestTimeoutMs }, cause: reason },
  );
}
