/**
 * @module GET /v1/values (criteria, and optionally the bundle command's options, as query parameters)
 * and POST /v1/values (a recipeCriteria document or a Snapshot; query parameters win, as on
 * /v1/recipe) → each component's fully merged Helm values with the layer that set each leaf: base
 * values file, overlay values file, an overlay's inline override, a snapshot lock, or a bundle flag
 * (traceRecipeValues). With bundle options the values are those POST /v1/bundle would ship.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toBundleOptions, type BundleFlags } from '../../actions/bundle/to-bundle-options.js';
import {
  traceRecipeValues,
  type TraceValuesRequest,
  type ValuesTrace,
} from '../../actions/recipe/trace-recipe-values.js';
import {
  overlayLooseCriteria,
  parseCriteria,
  type LooseCriteria,
} from '../../core/recipe/criteria.js';
import { VALUES_LAYER_KINDS } from '../../core/recipe/values-layer.js';
import { API_VERSION } from '../../core/shared/documents.js';
import { toJson } from '../../core/shared/serialize.js';
import { criteriaQueryShape, recipeRequestBody } from '../api-schemas.js';
import { assertServed } from '../criteria-allowlist.js';
import { JSON_TYPE, sendText } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { BODY_ERRORS, errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';
import { bundleQuery } from './bundle.js';

const layer = z.enum(VALUES_LAYER_KINDS);

export const valuesProvenanceSchema = z
  .object({
    kind: z.literal('ValuesProvenance'),
    apiVersion: z.literal(API_VERSION),
    criteria: z.record(z.string(), z.union([z.string(), z.number()]).nullish()),
    layers: z.array(layer),
    components: z.array(
      z.object({
        name: z.string(),
        version: z.string().optional(),
        chart: z.string().optional(),
        namespace: z.string().optional(),
        values: z.record(z.string(), z.unknown()),
        leaves: z.array(
          z.object({
            path: z.array(z.string()),
            value: z.unknown(),
            layer,
            source: z.string().meta({
              description:
                'the values file, the overlay, the snapshot measurement, or the bundle flag as given',
            }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ValuesProvenance' }) satisfies z.ZodType<ValuesTrace>;

interface ValuesInput {
  readonly query: LooseCriteria & BundleFlags;
  readonly document?: LooseCriteria | undefined;
  readonly snapshot?: TraceValuesRequest['snapshot'];
}

export function registerValuesRoutes(app: ApiApp, context: RouteContext): void {
  const querystring = z.strictObject({
    ...criteriaQueryShape(context.served),
    ...bundleQuery.shape,
  });
  const response = {
    200: {
      description: 'each component’s merged values, every leaf with the layer that set it',
      content: { [JSON_TYPE]: { schema: valuesProvenanceSchema } },
    },
    ...errorResponses(400),
  };

  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { query, document, snapshot }: ValuesInput,
  ) => {
    negotiate(request.headers.accept, [JSON_TYPE]);
    const { service, accelerator, os, intent, platform, nodes, ...flags } = query;
    const criteria: LooseCriteria = { service, accelerator, os, intent, platform, nodes };
    const given = Object.values(flags).some((value) => value !== undefined);
    const bundle = given ? toBundleOptions(flags, context.toolVersion) : undefined;
    if (!snapshot)
      assertServed(
        parseCriteria(overlayLooseCriteria(document ?? {}, criteria)),
        context.config.allowlist,
      );
    const trace = await context.run(request, reply, async (deps) => {
      const catalog = await context.catalog();
      const traced = traceRecipeValues(
        { criteria, criteriaDocument: document, snapshot, bundle },
        { ...deps, catalog },
      );
      if (snapshot) assertServed(parseCriteria(traced.criteria), context.config.allowlist);
      return traced;
    });
    return sendText(reply, JSON_TYPE, toJson(trace));
  };

  app.get(
    '/v1/values',
    {
      schema: {
        summary: 'Each component’s merged Helm values and where each value comes from',
        tags: ['recipe'],
        querystring,
        response,
      },
    },
    (request, reply) => answer(request, reply, { query: request.query }),
  );

  app.post(
    '/v1/values',
    {
      schema: {
        summary:
          'Values and their origins for a recipeCriteria document, or for the node a Snapshot describes',
        tags: ['recipe'],
        querystring,
        body: recipeRequestBody,
        response: { ...response, ...errorResponses(...BODY_ERRORS) },
      },
    },
    (request, reply) =>
      request.body.kind === 'Snapshot'
        ? answer(request, reply, { query: request.query, snapshot: request.body })
        : answer(request, reply, { query: request.query, document: request.body.spec }),
  );
}
