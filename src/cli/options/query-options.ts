/** @module `cnsctl query` flags → what the command runs with. */
import type { RecipeFromInputsRequest } from '../../actions/recipe/recipe-from-inputs.js';
import type { queryRenderers } from '../format/query-renderers.js';
import type { FormatOf } from '../format/renderers.js';
import { toCriteriaOptions, type CriteriaFlags } from './criteria-options.js';

export interface QueryFlags extends CriteriaFlags {
  /** A dotted path into the hydrated recipe; empty selects all of it. */
  readonly selector: string;
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof queryRenderers>;
}

export interface QueryOptions {
  readonly request: RecipeFromInputsRequest;
  readonly selector: string;
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof queryRenderers>;
}

export function toQueryOptions(flags: QueryFlags): QueryOptions {
  return {
    request: toCriteriaOptions(flags),
    selector: flags.selector,
    output: flags.output,
    format: flags.format,
  };
}
