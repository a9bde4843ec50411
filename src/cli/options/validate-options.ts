/** @module `cnsctl validate` flags → what the command runs with. */
import type { ValidateDocumentsRequest } from '../../actions/validate/validate-documents.js';
import type { FailOn } from '../../core/validate/validation-exit-code.js';
import type { FormatOf } from '../format/renderers.js';
import type { validationRenderers } from '../format/validation-renderers.js';
import { assertStdinReadOnce } from './stdin-once.js';

export interface ValidateFlags {
  readonly recipe: string;
  readonly snapshot: string;
  readonly failOn: FailOn;
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof validationRenderers>;
}

export interface ValidateOptions {
  readonly request: ValidateDocumentsRequest;
  readonly failOn: FailOn;
  readonly output?: string | undefined;
  readonly format: FormatOf<typeof validationRenderers>;
}

export function toValidateOptions(flags: ValidateFlags): ValidateOptions {
  assertStdinReadOnce({ '--recipe': flags.recipe, '--snapshot': flags.snapshot });
  return {
    request: { recipeLocation: flags.recipe, snapshotLocation: flags.snapshot },
    failOn: flags.failOn,
    output: flags.output,
    format: flags.format,
  };
}
