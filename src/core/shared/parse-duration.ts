/**
 * @module Durations as flags take them: `30s`, `500ms`, `2m`, `1h`, or plain seconds (`45`).
 */
import { CnsError } from './errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `value` in milliseconds, between 1 ms and `maxMs`; otherwise a USAGE error naming `flag` and the
 * accepted forms.
 */
export function parseDuration(value: string, flag: string, maxMs: number): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const ms = match ? Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000)) : NaN;
  if (!(ms >= 1) || ms > maxMs) {
    throw new CnsError(
      'USAGE',
      `${flag} must be a duration such as 30s, 500ms or 2m (at most ${describeMax(maxMs)}), got "${value}"`,
      { details: { [flag.replace(/^--/, '')]: value } },
    );
  }
  return ms;
}

function describeMax(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
