/**
 * @module The clock of a run: the wall clock, or SOURCE_DATE_EPOCH (seconds since 1970) when set, so
 * that generated documents are reproducible byte for byte. A malformed value fails when the time is
 * first read, as a USAGE error of the command that needed it.
 */
import type { Clock } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';

export function sourceDateClock(
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date,
): Clock {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return { now };
  if (!/^\d+$/.test(epoch)) {
    return {
      now: () => {
        throw new CnsError(
          'USAGE',
          `SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`,
          { details: { SOURCE_DATE_EPOCH: epoch } },
        );
      },
    };
  }
  const fixed = new Date(Number(epoch) * 1000);
  return { now: () => new Date(fixed) };
}
