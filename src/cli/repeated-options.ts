/**
 * @module One value per single-value flag. Commander keeps the last of `--service eks --service gke`
 * without a word, so a pasted command line or a script's defaults-then-overrides silently runs with a
 * value the user may not have meant. Every option that takes one value, in every command, is made to
 * refuse a second occurrence (USAGE, naming both values); flags meant to repeat (`--ignore a --ignore
 * b`) say so by parsing with collectRepeated, and variadic options take lists by design.
 */
import type { Command, Option } from '@commander-js/extra-typings';
import { CnsError } from '../core/shared/errors.js';

/** The value parser of a repeatable flag: each occurrence adds its value to the list. */
export function collectRepeated(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Makes every single-value option of `program` and of all its subcommands refuse a repeat. */
export function refuseRepeatedOptions(program: Command): void {
  const given = new Map<Option, string>();
  const pending: Command[] = [program];
  for (let command = pending.pop(); command !== undefined; command = pending.pop()) {
    pending.push(...(command.commands as Command[]));
    for (const option of command.options) {
      const takesValue = option.required || option.optional;
      if (!takesValue || option.variadic || option.parseArg === collectRepeated) continue;
      const parse = option.parseArg?.bind(option);
      option.parseArg = <T>(value: string, previous: T): T => {
        const first = given.get(option);
        if (first !== undefined) {
          throw new CnsError(
            'USAGE',
            `${option.long ?? option.flags} given twice (${JSON.stringify(first)}, then ${JSON.stringify(value)}); it takes one value, give it once`,
            { details: { option: option.long ?? option.flags, values: [first, value] } },
          );
        }
        given.set(option, value);
        return parse ? parse(value, previous) : (value as T);
      };
    }
  }
}
