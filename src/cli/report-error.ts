/**
 * @module The one place an error becomes text and an exit code (kubectl's CheckErr, without exiting):
 * one clear line by default; details, the cause chain and the stack with --debug; a bug-report hint
 * for INTERNAL. With --log-json all of it is one JSON object (code, details, hint, causes).
 */
import { toCnsError } from '../core/shared/errors.js';
import { exitCodeFor } from '../core/shared/error-status.js';
import type { GlobalFlags } from './cli-context.js';
import type { StderrLog } from './stderr-log.js';

const BUG_HINT =
  'This is a bug in cnsctl. Please report it with the output of the same command run with --debug.';

export function reportError(error: unknown, log: StderrLog, globals: GlobalFlags): number {
  const cnsError = toCnsError(error);
  const hint = cnsError.code === 'INTERNAL' ? BUG_HINT : undefined;
  if (globals.logJson) {
    log.log('error', cnsError.message, {
      code: cnsError.code,
      details: cnsError.details,
      ...(hint ? { hint } : {}),
      ...(globals.debug ? { causes: causeChain(cnsError) } : {}),
    });
    return exitCodeFor(cnsError.code);
  }
  log.log('error', cnsError.message);
  if (hint) log.passThrough(`${hint}\n`);
  if (globals.debug) {
    const lines = [`code: ${cnsError.code}`];
    if (Object.keys(cnsError.details).length > 0)
      lines.push(`details: ${safeJson(cnsError.details)}`);
    lines.push(causeChain(cnsError).join('\ncaused by: '));
    log.passThrough(`${lines.join('\n')}\n`);
  }
  return exitCodeFor(cnsError.code);
}

/** The error, then each cause: its stack where it has one. */
function causeChain(error: Error): string[] {
  const chain: string[] = [];
  let cause: unknown = error;
  while (cause instanceof Error) {
    chain.push(cause.stack ?? `${cause.name}: ${cause.message}`);
    cause = cause.cause;
  }
  if (cause !== undefined) chain.push(safeJson(cause));
  return chain;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
