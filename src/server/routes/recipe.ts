/**
 * @module GET /v1/recipe (criteria as query parameters) and POST /v1/recipe (a recipeCriteria
 * document, or a Snapshot to detect criteria from; query parameters win over both, as cnsctl's flags
 * do) → the recipeResult, as `cnsctl recipe -t json` (or YAML) writes it. Recipes from criteria come
 * from the cache; a recipe from a snapshot is screened against that node, so it is built each time.
 */
import { z } from 'zod';
import { makeRecipe } from '../../actions/recipe/make-recipe.js';
import {
  overlayLooseCriteria,
  parseCriteria,
  type LooseCriteria,
} from '../../core/recipe/criteria.js';
import { toJson, toYaml } from '../../core/shared/serialize.js';
import { criteriaQueryShape, recipeDocument, recipeRequestBody } from '../api-schemas.js';
import { assertServed } from '../criteria-allowlist.js';
import { DOCUMENT_FORMATS, JSON_TYPE, sendText } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { BODY_ERRORS, documentResponse, errorResponses } from '../openapi-responses.js';
import { recipeForCriteria } from '../recipe-for-criteria.js';
import type { ApiApp, RouteContext } from '../route-context.js';

export function registerRecipeRoutes(app: ApiApp, context: RouteContext): void {
  const querystring = z.strictObject(criteriaQueryShape(context.served));
  const response = {
    ...documentResponse('the recipeResult', recipeDocument),
    ...errorResponses(400),
  };

  app.get(
    '/v1/recipe',
    {
      schema: {
        summary: 'The recipe for the given criteria',
        tags: ['recipe'],
        querystring,
        response,
      },
    },
    async (request, reply) => {
      const format = negotiate(request.headers.accept, DOCUMENT_FORMATS);
      const entry = await recipeForCriteria(context, request, request.query);
      return sendText(reply, format, format === JSON_TYPE ? entry.json : entry.yaml());
    },
  );

  app.post(
    '/v1/recipe',
    {
      schema: {
        summary: 'The recipe for a recipeCriteria document, or for the node a Snapshot describes',
        tags: ['recipe'],
        querystring,
        body: recipeRequestBody,
        response: { ...response, ...errorResponses(...BODY_ERRORS) },
      },
    },
    async (request, reply) => {
      const format = negotiate(request.headers.accept, DOCUMENT_FORMATS);
      const flags: LooseCriteria = request.query;
      const body = request.body;
      if (body.kind !== 'Snapshot') {
        const entry = await recipeForCriteria(
          context,
          request,
          overlayLooseCriteria(body.spec, flags),
        );
        return sendText(reply, format, format === JSON_TYPE ? entry.json : entry.yaml());
      }
      const recipe = await context.run(request, reply, async (deps) => {
        const built = makeRecipe(
          { criteria: flags, snapshot: body },
          { ...deps, catalog: await context.catalog() },
        );
        context.metrics.recipeBuilt();
        assertServed(parseCriteria(built.criteria), context.config.allowlist);
        return built;
      });
      return sendText(reply, format, format === JSON_TYPE ? toJson(recipe) : toYaml(recipe));
    },
  );
}
