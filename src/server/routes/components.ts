/**
 * @module GET /v1/components → the component registry: each component's chart, namespace, and the
 * versions the overlays pin (with the overlays that pin each).
 */
import { listComponents } from '../../core/recipe/list-components.js';
import { toJson } from '../../core/shared/serialize.js';
import { componentListSchema } from '../api-schemas.js';
import { JSON_TYPE, sendText } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';

export function registerComponentsRoute(app: ApiApp, context: RouteContext): void {
  let rendered: string | undefined;
  app.get(
    '/v1/components',
    {
      schema: {
        summary: 'The components recipes are made of: charts, namespaces and pinned versions',
        tags: ['catalog'],
        response: {
          200: {
            description: 'the registry',
            content: { [JSON_TYPE]: { schema: componentListSchema } },
          },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      negotiate(request.headers.accept, [JSON_TYPE]);
      rendered ??= toJson({ components: listComponents(await context.catalog()) });
      return sendText(reply, JSON_TYPE, rendered);
    },
  );
}
