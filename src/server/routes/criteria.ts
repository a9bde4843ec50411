/**
 * @module GET /v1/criteria → the values each criteria dimension accepts on this server (its
 * allowlist applied), for clients that build their criteria from them.
 */
import { toJson } from '../../core/shared/serialize.js';
import { criteriaValuesSchema } from '../api-schemas.js';
import { JSON_TYPE, sendText } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';

export function registerCriteriaRoute(app: ApiApp, context: RouteContext): void {
  const rendered = toJson({
    criteria: context.served,
    nodes: { minimum: 0, description: 'cluster size hint; 0 means any' },
  });
  app.get(
    '/v1/criteria',
    {
      schema: {
        summary: 'The accepted values of each criteria dimension',
        tags: ['catalog'],
        response: {
          200: {
            description: 'values per dimension',
            content: { [JSON_TYPE]: { schema: criteriaValuesSchema } },
          },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      negotiate(request.headers.accept, [JSON_TYPE]);
      return sendText(reply, JSON_TYPE, rendered);
    },
  );
}
