/**
 * @module POST /v1/diff with `{snapshots, recipe?, ignore?, only?, defaultIgnores?}` → the diff report
 * cnsctl diff writes: two snapshots key by key, three or more as a fleet, or one against a recipe as
 * drift. Snapshots are named by their place in the request (`snapshots[0]`). A difference is a
 * result (200), not an error; its status is in the summary.
 */
import { diffSnapshots } from '../../actions/diff/diff-snapshots.js';
import { toJson, toYaml } from '../../core/shared/serialize.js';
import { diffReportSchema, diffRequestBody } from '../api-schemas.js';
import { DOCUMENT_FORMATS, JSON_TYPE, sendText } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { BODY_ERRORS, documentResponse, errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';

export function registerDiffRoute(app: ApiApp, context: RouteContext): void {
  app.post(
    '/v1/diff',
    {
      schema: {
        summary: 'Compare snapshots (two, or a fleet), or a snapshot with a recipe',
        tags: ['diff'],
        body: diffRequestBody,
        response: {
          ...documentResponse(
            'the SnapshotDiff, FleetDiff or RecipeDrift report',
            diffReportSchema,
          ),
          ...errorResponses(...BODY_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const format = negotiate(request.headers.accept, DOCUMENT_FORMATS);
      const { snapshots, recipe, ignore, only, defaultIgnores } = request.body;
      const report = await context.run(request, reply, (deps) =>
        diffSnapshots(
          {
            snapshots: snapshots.map((snapshot, index) => ({
              source: `snapshots[${index}]`,
              snapshot,
            })),
            ...(recipe === undefined
              ? {}
              : { recipe: { source: 'recipe', constraints: recipe.constraints } }),
            filter: {
              ...(ignore === undefined ? {} : { ignore }),
              ...(only === undefined ? {} : { only }),
              ...(defaultIgnores === undefined ? {} : { defaultIgnores }),
            },
          },
          deps,
        ),
      );
      return sendText(reply, format, format === JSON_TYPE ? toJson(report) : toYaml(report));
    },
  );
}
