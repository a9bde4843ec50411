/**
 * @module Writes a command's result in the chosen format to stdout, a file (atomically) or any
 * registered location. Only the chosen format's renderer runs; colour is offered only when the
 * result goes to a terminal.
 */
import type { CliContext } from './cli-context.js';
import { wantsColor } from './format/diff-colors.js';
import type { Render } from './format/renderers.js';

export async function writeResult<R, O extends object>(
  context: CliContext,
  target: { readonly output?: string | undefined },
  render: Render<R, O>,
  result: R,
  options: O,
): Promise<void> {
  const text = await render(result, { ...options, color: wantsColor(context.io, target.output) });
  await context.deps.documents.write(target.output, text, context.deps.signal);
}
