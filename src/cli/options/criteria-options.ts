/**
 * @module The criteria flags of `recipe` and `query` → the recipe's inputs: criteria values, where to
 * read a criteria document and a snapshot, and a data directory.
 */
import type { RecipeFromInputsRequest } from '../../actions/recipe/recipe-from-inputs.js';
import { assertStdinReadOnce } from './stdin-once.js';

/** The flags as withCriteriaOptions declares them. */
export interface CriteriaFlags {
  readonly service?: string | undefined;
  readonly accelerator?: string | undefined;
  readonly os?: string | undefined;
  readonly intent?: string | undefined;
  readonly platform?: string | undefined;
  readonly nodes?: string | undefined;
  readonly criteria?: string | undefined;
  readonly snapshot?: string | undefined;
  readonly data?: string | undefined;
}

/** Checks that --criteria and --snapshot do not both read stdin; values are checked by makeRecipe. */
export function toCriteriaOptions(flags: CriteriaFlags): RecipeFromInputsRequest {
  assertStdinReadOnce({ '--criteria': flags.criteria, '--snapshot': flags.snapshot });
  return {
    criteria: {
      service: flags.service,
      accelerator: flags.accelerator,
      os: flags.os,
      intent: flags.intent,
      platform: flags.platform,
      nodes: flags.nodes,
    },
    criteriaLocation: flags.criteria,
    snapshotLocation: flags.snapshot,
    dataDir: flags.data,
  };
}
