// expect-lint: clean
// What actions/ may do: take ports, combine signals, call core/ and load core/ lazily.
import type { Clock, Timeouts } from './ports.js';

export async function stampedLater(clock: Clock, timeouts: Timeouts, signal: AbortSignal) {
  const deadline = AbortSignal.any([signal, timeouts.signal(1000)]);
  const { toJson } = await import('../core/shared/serialize.js');
  return { text: toJson({ at: clock.now().toISOString() }), deadline };
}
