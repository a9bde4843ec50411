/**
 * @module GET /v1/overlays → the overlays of the recipe data: each one's description, parent and the
 * criteria it names, so a client can say why an overlay applies to a recipe.
 */
import { z } from 'zod';
import { listOverlays, type OverlayListing } from '../../core/recipe/list-overlays.js';
import { toJson } from '../../core/shared/serialize.js';
import { JSON_TYPE, sendText } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';

const overlayListSchema = z
  .object({
    overlays: z.array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        base: z.string().optional(),
        criteria: z.record(z.string(), z.string()),
      }) satisfies z.ZodType<OverlayListing>,
    ),
  })
  .meta({ id: 'OverlayList' });

export function registerOverlaysRoute(app: ApiApp, context: RouteContext): void {
  let rendered: string | undefined;
  app.get(
    '/v1/overlays',
    {
      schema: {
        summary: 'The overlays recipes are layered from, with the criteria each one matches',
        tags: ['catalog'],
        response: {
          200: {
            description: 'the overlays, in the catalog’s order',
            content: { [JSON_TYPE]: { schema: overlayListSchema } },
          },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      negotiate(request.headers.accept, [JSON_TYPE]);
      rendered ??= toJson({ overlays: listOverlays(await context.catalog()) });
      return sendText(reply, JSON_TYPE, rendered);
    },
  );
}
