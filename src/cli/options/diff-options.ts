/** @module `cnsctl diff` arguments and flags → what the command runs with. */
import type { DiffDocumentsRequest } from '../../actions/diff/diff-documents.js';
import type { diffRenderers } from '../format/diff-renderers.js';
import type { FormatOf } from '../format/renderers.js';
import { assertStdinReadOnce } from './stdin-once.js';

export interface DiffFlags {
  readonly recipe?: string | undefined;
  readonly ignore?: readonly string[] | undefined;
  readonly only?: readonly string[] | undefined;
  /** False with --no-default-ignores. */
  readonly defaultIgnores: boolean;
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof diffRenderers>;
}

export interface DiffOptions {
  readonly request: DiffDocumentsRequest;
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof diffRenderers>;
}

/** How many snapshots a comparison needs is the action's rule (it depends on --recipe and directories). */
export function toDiffOptions(snapshots: readonly string[], flags: DiffFlags): DiffOptions {
  assertStdinReadOnce({ '--recipe': flags.recipe, 'snapshot argument': snapshots });
  return {
    request: {
      snapshotLocations: snapshots,
      recipeLocation: flags.recipe,
      filter: {
        ignore: flags.ignore ?? [],
        only: flags.only ?? [],
        defaultIgnores: flags.defaultIgnores,
      },
    },
    output: flags.output,
    format: flags.format,
  };
}
