/**
 * @module Writes a command's result in the chosen format to stdout, a file (atomically) or any
 * registered location. Only the chosen format's renderer runs; colour is offered only when the
 * result goes to a terminal. A table is the one format made for terminals, so every table's input is
 * made terminal-safe here, once, before any table formatter sees it (terminal-text.ts): strings from
 * documents can neither send escape sequences nor make endless lines, in cells or around them.
 */
import type { CliContext } from './cli-context.js';
import { wantsColor } from './format/diff-colors.js';
import type { Render } from './format/renderers.js';

export async function writeResult<R, O extends object>(
  context: CliContext,
  target: { readonly output?: string | undefined; readonly format: string },
  render: Render<R, O>,
  result: R,
  options: O,
): Promise<void> {
  const shown =
    target.format === 'table'
      ? (await import('./format/terminal-text.js')).forTerminal(result)
      : result;
  const text = await render(shown, { ...options, color: wantsColor(context.io, target.output) });
  await context.deps.documents.write(target.output, text, context.deps.signal);
}
