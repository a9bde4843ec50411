/**
 * @module The clock of a run: the wall clock, or SOURCE_DATE_EPOCH (seconds since 1970) when set, so
 * that generated documents are reproducible byte for byte. The same variable dates bundle archives'
 * entries (sourceDateEpoch). A malformed value fails when the time is first read, as a USAGE error of
 * the command that needed it.
 */
import type { Clock } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';

type Environment = Readonly<Record<string, string | undefined>>;

export function sourceDateClock(env: Environment, now: () => Date): Clock {
  return { now: () => sourceDateEpoch(env) ?? now() };
}

/**
 * SOURCE_DATE_EPOCH as a date (a new copy each time), or undefined when it is unset or empty.
 * @throws CnsError USAGE when it is not whole seconds.
 */
export function sourceDateEpoch(env: Environment): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) {
    throw new CnsError(
      'USAGE',
      `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`,
      { details: { SOURCE_DATE_EPOCH: epoch } },
    );
  }
  return new Date(Number(epoch) * 1000);
}
