/**
 * @module POST /v1/validate with `{recipe, snapshot}` (JSON or YAML) → the ValidationResult, as JSON,
 * YAML, or JUnit XML (Accept: application/xml) whose failures follow `failOn` as cnsctl validate's
 * do. A failed validation is a result (200), not an error; its status is in the summary.
 */
import { z } from 'zod';
import { runValidation } from '../../actions/validate/run-validation.js';
import { toJson, toYaml } from '../../core/shared/serialize.js';
import { renderJunit } from '../../presentation/validation-junit.js';
import { failOnQuery, validateRequestBody, validationDocument } from '../api-schemas.js';
import { JSON_TYPE, sendText, XML_TYPE, YAML_TYPE } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { BODY_ERRORS, documentResponse, errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';

const FORMATS = [JSON_TYPE, YAML_TYPE, XML_TYPE] as const;

export function registerValidateRoute(app: ApiApp, context: RouteContext): void {
  app.post(
    '/v1/validate',
    {
      schema: {
        summary: "Check a snapshot against a recipe's constraints",
        tags: ['validate'],
        querystring: z.strictObject({ failOn: failOnQuery }),
        body: validateRequestBody,
        response: {
          ...documentResponse('the ValidationResult', validationDocument, {
            [XML_TYPE]: { schema: z.string() },
          }),
          ...errorResponses(...BODY_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const format = negotiate(request.headers.accept, FORMATS);
      const { recipe, snapshot } = request.body;
      const result = await context.run(request, reply, (deps) =>
        runValidation({ recipe, snapshot }, deps),
      );
      const text =
        format === XML_TYPE
          ? renderJunit(result, { failOn: request.query.failOn })
          : format === YAML_TYPE
            ? toYaml(result)
            : toJson(result);
      return sendText(reply, format, text);
    },
  );
}
