/**
 * @module Durations as Go's time.Duration prints them (`11.5µs`, `2.345ms`, `1m3.5s`), the form the
 * earlier tool wrote into ValidationResult and users already read; and the way back to seconds.
 */

const NS_PER_US = 1_000;
const NS_PER_MS = 1_000_000;
const NS_PER_S = 1_000_000_000;

/**
 * Formats `nanoseconds` (rounded to a whole nanosecond; negative counts as 0) like Go's Duration.String.
 * @example formatDuration(11_500) // '11.5µs'
 */
export function formatDuration(nanoseconds: number): string {
  const ns = Math.max(0, Math.round(nanoseconds));
  if (ns === 0) return '0s';
  if (ns < NS_PER_US) return `${ns}ns`;
  if (ns < NS_PER_MS) return `${decimal(ns, NS_PER_US, 3)}µs`;
  if (ns < NS_PER_S) return `${decimal(ns, NS_PER_MS, 6)}ms`;
  const hours = Math.floor(ns / (3600 * NS_PER_S));
  const minutes = Math.floor((ns % (3600 * NS_PER_S)) / (60 * NS_PER_S));
  const seconds = decimal(ns % (60 * NS_PER_S), NS_PER_S, 9);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function decimal(value: number, unit: number, digits: number): string {
  const whole = Math.floor(value / unit);
  const fraction = String(value % unit)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ns: 1e-9,
};
const DURATION = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|μs|ns))+$/;
const PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|μs|ns)/g;

/**
 * Reads Go duration text back as seconds, or undefined when it is not one.
 * @example parseDuration('1m3.5s') // 63.5
 */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (!DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount = '0', unit = 's'] of text.matchAll(PART)) {
    seconds += Number(amount) * (UNIT_SECONDS[unit] ?? 0);
  }
  return seconds;
}
