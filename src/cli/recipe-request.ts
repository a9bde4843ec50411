/**
 * @module Turns the criteria flags of `recipe` and `query` into a recipe: the catalog (embedded or
 * laid over --data), the criteria given on the command line, and the criteria document and snapshot
 * read from wherever they are, handed to the recipe action.
 */
import { makeRecipe, type MakeRecipeRequest } from '../actions/recipe/make-recipe.js';
import type { RecipeResult } from '../core/recipe/recipe-result.js';
import { CNS_VERSION } from '../version.js';
import { loadCatalog } from '../adapters/catalog/load-catalog.js';
import type { Catalog } from '../core/recipe/catalog.js';
import type { Snapshot } from '../core/snapshot/snapshot.js';
import type { CliContext } from './cli-context.js';
import type { CriteriaFlags } from './shared-flags.js';

/** Builds the recipe the flags ask for; the catalog comes back too, for hydrating values. */
export async function recipeFromFlags(
  context: CliContext,
  flags: CriteriaFlags,
): Promise<{ catalog: Catalog; recipe: RecipeResult }> {
  const { catalog, request } = await readRecipeRequest(context, flags);
  const recipe = makeRecipe(request, {
    catalog,
    clock: context.clock,
    reporter: context.reporter,
    toolVersion: CNS_VERSION,
  });
  return { catalog, recipe };
}

async function readRecipeRequest(
  context: CliContext,
  flags: CriteriaFlags,
): Promise<{ catalog: Catalog; request: MakeRecipeRequest }> {
  const [embedded, snapshot, criteriaDocument] = await Promise.all([
    context.deps.loadEmbeddedCatalog(),
    flags.snapshot === undefined ? undefined : readSnapshot(context, flags.snapshot),
    flags.criteria === undefined ? undefined : readCriteriaDocument(context, flags.criteria),
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

// The readers load the schema library only when a document is actually read: a recipe from flags
// alone never needs it, and start-up time is a tracked budget (bench/README.md).
async function readSnapshot(context: CliContext, uri: string): Promise<Snapshot> {
  const [{ readTypedDocument }, { snapshotSchema }] = await Promise.all([
    import('../adapters/documents/read-typed-document.js'),
    import('../core/snapshot/snapshot.js'),
  ]);
  return readTypedDocument(context.documents, uri, snapshotSchema, 'Snapshot', context.signal);
}

async function readCriteriaDocument(context: CliContext, uri: string) {
  const [{ readTypedDocument }, { recipeCriteriaDocumentSchema }] = await Promise.all([
    import('../adapters/documents/read-typed-document.js'),
    import('../core/recipe/recipe-criteria-document.js'),
  ]);
  return readTypedDocument(
    context.documents,
    uri,
    recipeCriteriaDocumentSchema,
    'recipeCriteria',
    context.signal,
  );
}
