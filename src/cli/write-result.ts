/**
 * @module Writes a command's result in the chosen format to stdout, a file (atomically) or any
 * registered location. Each result type brings one renderer per format it supports (helm's
 * output.Writer); only renderers of the chosen format run.
 */
import { CnsError } from '../core/shared/errors.js';
import type { CliContext } from './cli-context.js';

export type Renderers<F extends string> = Readonly<Record<F, () => string>>;

export async function writeResult<F extends string>(
  context: CliContext,
  options: { readonly output?: string | undefined; readonly format: string },
  renderers: Renderers<F>,
): Promise<void> {
  const render = (renderers as Record<string, (() => string) | undefined>)[options.format];
  if (!render) {
    throw new CnsError(
      'USAGE',
      `unknown format "${options.format}": use one of ${Object.keys(renderers).join(', ')}`,
      {
        details: { format: options.format, accepted: Object.keys(renderers) },
      },
    );
  }
  await context.documents.write(options.output, render(), context.signal);
}
