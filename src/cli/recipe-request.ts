/**
 * @module Turns the criteria flags of `recipe` and `query` into what the recipe action needs: the
 * catalog (embedded or laid over --data), the criteria given on the command line, and the criteria
 * document and snapshot read from wherever they are.
 */
import type { MakeRecipeRequest } from '../actions/recipe/make-recipe.js';
import { loadCatalog } from '../adapters/catalog/load-catalog.js';
import { readTypedDocument } from '../adapters/documents/read-typed-document.js';
import type { Catalog } from '../core/recipe/catalog.js';
import { recipeCriteriaDocumentSchema } from '../core/recipe/criteria.js';
import { snapshotSchema } from '../core/snapshot/snapshot.js';
import type { CliContext } from './cli-context.js';
import type { CriteriaFlags } from './shared-flags.js';

export async function readRecipeRequest(
  context: CliContext,
  flags: CriteriaFlags,
): Promise<{ catalog: Catalog; request: MakeRecipeRequest }> {
  const { signal, documents } = context;
  const [embedded, snapshot, criteriaDocument] = await Promise.all([
    context.deps.loadEmbeddedCatalog(),
    flags.snapshot === undefined
      ? undefined
      : readTypedDocument(documents, flags.snapshot, snapshotSchema, 'Snapshot', signal),
    flags.criteria === undefined
      ? undefined
      : readTypedDocument(
          documents,
          flags.criteria,
          recipeCriteriaDocumentSchema,
          'recipeCriteria',
          signal,
        ),
  ]);
  const catalog = await loadCatalog(embedded, flags.data);
  const criteria = {
    service: flags.service,
    accelerator: flags.accelerator,
    os: flags.os,
    intent: flags.intent,
    platform: flags.platform,
    nodes: flags.nodes,
  };
  return { catalog, request: { criteria, criteriaDocument: criteriaDocument?.spec, snapshot } };
}
