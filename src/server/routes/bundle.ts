/**
 * @module POST /v1/bundle?deployer=…&<the bundle command's options> with a recipeResult → the bundle
 * as a zip (or a gzip-compressed tar with `Accept: application/gzip`), made by the same
 * renderBundleArchive path as `cnsctl bundle --output x.zip`, so for the same recipe, options and
 * SOURCE_DATE_EPOCH the bytes are the same. Options mirror the flags in camelCase and repeat as the
 * flags do (`set=…&set=…`).
 */
import { z } from 'zod';
import { renderBundleArchive } from '../../actions/bundle/render-bundle-archive.js';
import { toBundleOptions } from '../../actions/bundle/to-bundle-options.js';
import type { BundleArchiveFormat } from '../../core/bundle/bundle-format.js';
import { DEFAULT_DEPLOYER, DEPLOYER_NAMES } from '../../core/bundle/deployers.js';
import { ANY, DIMENSION_NAMES } from '../../core/recipe/criteria.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import { recipeDocument } from '../api-schemas.js';
import { GZIP_TYPE, ZIP_TYPE } from '../media-types.js';
import { negotiate } from '../negotiate.js';
import { BODY_ERRORS, errorResponses } from '../openapi-responses.js';
import type { ApiApp, RouteContext } from '../route-context.js';

const FORMATS = { [ZIP_TYPE]: 'zip', [GZIP_TYPE]: 'tar.gz' } as const satisfies Record<
  string,
  BundleArchiveFormat
>;

const archiveBytes = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });

/** A flag that may repeat: one value or several, as the query string gives them. */
const repeated = (description: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? undefined : [value].flat()))
    .meta({ description });

export const bundleQuery = z.strictObject({
  deployer: z
    .string()
    .optional()
    .meta({
      enum: [...DEPLOYER_NAMES],
      description: `how the bundle is deployed (default ${DEFAULT_DEPLOYER})`,
    }),
  systemNodeSelector: repeated('key=value for system components (--system-node-selector)'),
  systemNodeToleration: repeated(
    'key=value:Effect for system components (--system-node-toleration)',
  ),
  acceleratedNodeSelector: repeated('key=value for GPU components (--accelerated-node-selector)'),
  acceleratedNodeToleration: repeated(
    'key=value:Effect for GPU components (--accelerated-node-toleration)',
  ),
  set: repeated('component:path=value, a Helm value to override (--set)'),
  repo: z.string().optional().meta({ description: 'argocd, flux: the Git repository (--repo)' }),
  revision: z
    .string()
    .optional()
    .meta({ description: 'argocd, flux: the branch, tag or commit (--revision)' }),
});

/** `cns-bundle-eks-h100-ubuntu-training-argocd.zip`: what the recipe is for, and how it deploys. */
function fileName(recipe: RecipeResult, deployer: string, format: BundleArchiveFormat): string {
  const criteria = DIMENSION_NAMES.map((d) => String(recipe.criteria[d] ?? ANY)).filter(
    (value) => value !== ANY,
  );
  const stem = ['cns-bundle', ...criteria, deployer].join('-').replace(/[^a-z0-9.-]/gi, '_');
  return `${stem}.${format}`;
}

export function registerBundleRoute(app: ApiApp, context: RouteContext): void {
  app.post(
    '/v1/bundle',
    {
      schema: {
        summary: 'Deployment files for a recipe, as a zip (or tar.gz) archive',
        tags: ['bundle'],
        querystring: bundleQuery,
        body: recipeDocument,
        response: {
          200: {
            description: 'the bundle archive, with checksums.txt inside',
            content: {
              [ZIP_TYPE]: { schema: archiveBytes },
              [GZIP_TYPE]: { schema: archiveBytes },
            },
          },
          ...errorResponses(...BODY_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const mediaType = negotiate(request.headers.accept, [ZIP_TYPE, GZIP_TYPE]);
      const format = FORMATS[mediaType];
      const options = toBundleOptions(request.query, context.toolVersion);
      const archive = await context.run(request, reply, (deps) =>
        context.bundles.run(
          () => renderBundleArchive({ recipe: request.body, options, format }, deps),
          deps.signal,
        ),
      );
      context.metrics.bundleBytes(archive.bytes.byteLength);
      return reply
        .type(mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${fileName(request.body, options.deployer, format)}"`,
        )
        .send(Buffer.from(archive.bytes));
    },
  );
}
