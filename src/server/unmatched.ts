/**
 * @module Requests no route takes: 405 with an Allow header when the path exists under other methods,
 * 404 otherwise. Both are decided before any body is read, whatever the method (even QUERY, which
 * the framework would otherwise ask a Content-Type of).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CnsError } from '../core/shared/errors.js';

/** Tracks the app's routes (call before registering them) and returns the error for an unmatched request. */
export function answerUnmatched(
  app: FastifyInstance,
): (request: FastifyRequest, reply: FastifyReply) => CnsError {
  const methodsByPath = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = methodsByPath.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByPath.set(route.url, methods);
  });
  const unmatched = (request: FastifyRequest, reply: FastifyReply): CnsError => {
    const path = request.url.split('?', 1)[0] ?? request.url;
    const allowed = [...(methodsByPath.get(path) ?? [])].sort();
    if (allowed.length === 0) {
      return new CnsError(
        'NOT_FOUND',
        `no such path: ${path}; the API is described at /openapi.json`,
        { details: { path } },
      );
    }
    void reply.header('allow', allowed.join(', '));
    return new CnsError(
      'METHOD_NOT_ALLOWED',
      `${request.method} ${path} is not served here: use ${allowed.join(', ')}`,
      { details: { method: request.method, path, allowed } },
    );
  };
  app.setNotFoundHandler(async (request, reply) => {
    throw unmatched(request, reply);
  });
  return unmatched;
}
