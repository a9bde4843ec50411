/**
 * @module GET /v1/query?<criteria>&selector=PATH → the value at PATH of the hydrated recipe (merged
 * component values included), as `cnsctl query` prints it: JSON by default, or YAML (scalars bare)
 * when the Accept header asks. A path with no value is 404, naming the keys that are there.
 */
import { z } from 'zod';
import { selectPath } from '../../core/recipe/select-path.js';
import { renderQueryValue } from '../../presentation/query-value.js';
import { criteriaQueryShape } from '../api-schemas.js';
import { DOCUMENT_FORMATS, JSON_TYPE, sendText } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { documentResponse, errorResponses } from '../openapi-responses.js';
import { recipeForCriteria } from '../recipe-for-criteria.js';
import type { ApiApp, RouteContext } from '../route-context.js';

export function registerQueryRoute(app: ApiApp, context: RouteContext): void {
  const querystring = z.strictObject({
    ...criteriaQueryShape(context.served),
    selector: z.string().max(1024).meta({
      description:
        'dotted path into the hydrated recipe, e.g. components.gpu-operator.values.driver.version; empty selects all of it',
    }),
  });
  app.get(
    '/v1/query',
    {
      schema: {
        summary: 'One value of the hydrated recipe, selected by a dotted path',
        tags: ['recipe'],
        querystring,
        response: {
          ...documentResponse('the selected value', z.unknown()),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const format = negotiate(request.headers.accept, DOCUMENT_FORMATS);
      const { selector, ...loose } = request.query;
      const entry = await recipeForCriteria(context, request, loose);
      const value = selectPath(entry.hydrated(await context.catalog()), selector);
      return sendText(
        reply,
        format,
        renderQueryValue(value, format === JSON_TYPE ? 'json' : 'yaml'),
      );
    },
  );
}
