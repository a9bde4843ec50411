/**
 * @module What operators and clients of the API itself use: /healthz (the process answers),
 * /readyz (the catalog is loaded and the server is not shutting down), /metrics (Prometheus text)
 * and /openapi.json. Probes and metrics are exempt from rate limiting: a busy client must not make
 * a replica look dead.
 */
import { z } from 'zod';
import { CnsError } from '../../core/shared/errors.js';
import { toJson } from '../../core/shared/serialize.js';
import { healthSchema } from '../api-schemas.js';
import { JSON_TYPE, sendText } from '../media-types.js';
import { errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';

const EXEMPT = { rateLimit: false } as const;

const healthResponse = (description: string) => ({
  200: { description, content: { [JSON_TYPE]: { schema: healthSchema } } },
  ...errorResponses(),
});

export function registerOperationRoutes(app: ApiApp, context: RouteContext): void {
  const ok = toJson({ status: 'ok' });
  const ready = toJson({ status: 'ready' });
  app.get(
    '/healthz',
    {
      config: EXEMPT,
      schema: { summary: 'Liveness', tags: ['operations'], response: healthResponse('alive') },
    },
    async (_request, reply) => sendText(reply, JSON_TYPE, ok),
  );
  app.get(
    '/readyz',
    {
      config: EXEMPT,
      schema: { summary: 'Readiness', tags: ['operations'], response: healthResponse('ready') },
    },
    async (_request, reply) => {
      if (!context.isReady()) {
        throw new CnsError('UNAVAILABLE', 'not ready: the recipe data is not loaded (see the log)');
      }
      return sendText(reply, JSON_TYPE, ready);
    },
  );
  app.get(
    '/metrics',
    {
      config: EXEMPT,
      schema: {
        summary: 'Prometheus metrics',
        tags: ['operations'],
        response: {
          200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } },
          ...errorResponses(),
        },
      },
    },
    async (_request, reply) => {
      const { registry } = context.metrics;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
    sendText(reply, JSON_TYPE, toJson(app.swagger())),
  );
}
