/**
 * @module `cnsctl bundle` flags → the action's request. Only the CLI's own fields are read here: the
 * recipe's location, the data directory, the output and --force. The bundle's fields (deployer, node
 * placement, --set, Git source) are converted by actions/bundle/to-bundle-options.ts, which sits with
 * the action because cnsd parses the same fields in the same syntax.
 */
import type { WriteBundleRequest } from '../../actions/bundle/write-bundle.js';
import type { BundleOptions } from '../../core/bundle/bundle-options.js';
import { CnsError } from '../../core/shared/errors.js';

export interface BundleCommandFlags {
  /** Optional to commander: a required option of `bundle` would be demanded of `bundle verify` too. */
  readonly recipe?: string | undefined;
  readonly output: string;
  readonly force?: boolean | undefined;
  readonly data?: string | undefined;
}

export function toBundleRequest(
  flags: BundleCommandFlags,
  options: BundleOptions,
): WriteBundleRequest {
  if (flags.recipe === undefined) {
    throw new CnsError('USAGE', 'bundle needs --recipe <uri>: a recipeResult from cnsctl recipe', {
      details: {},
    });
  }
  return {
    recipeLocation: flags.recipe,
    dataDir: flags.data,
    options,
    output: flags.output,
    force: flags.force === true,
  };
}
