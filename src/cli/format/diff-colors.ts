/**
 * @module Colour for the table formats of diff and validate: only when the result goes to a terminal
 * (stdout is a TTY and no -o file) and NO_COLOR is unset or empty (no-color.org). YAML, JSON and JUnit
 * are never coloured. Formatters take a Paint, so they are tested without a terminal.
 */
import { STDIO_LOCATION } from '../../core/shared/document-source.js';
import type { CliIo } from '../cli-context.js';

type Brush = (text: string) => string;

/** The few styles the tables use. */
export interface Paint {
  readonly red: Brush;
  readonly green: Brush;
  readonly yellow: Brush;
  readonly dim: Brush;
  readonly bold: Brush;
}

const same: Brush = (text) => text;

/** No colour at all. */
export const PLAIN: Paint = { red: same, green: same, yellow: same, dim: same, bold: same };

/** Whether table output to `output` (undefined or `-` = stdout) should be coloured. */
export function wantsColor(io: Pick<CliIo, 'stdout' | 'env'>, output: string | undefined): boolean {
  const toStdout = output === undefined || output === STDIO_LOCATION;
  const noColor = io.env.NO_COLOR;
  return toStdout && io.stdout.isTTY === true && (noColor === undefined || noColor === '');
}

/** picocolors' styles when `enabled`, else PLAIN; picocolors loads only when colour is wanted. */
export async function loadPaint(enabled: boolean): Promise<Paint> {
  if (!enabled) return PLAIN;
  const { default: picocolors } = await import('picocolors');
  const colors = picocolors.createColors(true);
  return {
    red: colors.red,
    green: colors.green,
    yellow: colors.yellow,
    dim: colors.dim,
    bold: colors.bold,
  };
}
