/**
 * @module Lets a signal that arrived during synchronous work reach its handler before the work
 * commits. A handler runs only when the event loop polls; work about to make its output visible (a
 * rename into place) waits for one more poll here, then checks the run's AbortSignal, so an interrupt
 * that came while files were being written stops the rename instead of following it.
 */

/**
 * Resolves once the event loop has polled again. Two turns: called from a callback of the poll phase,
 * the first immediate runs in the check phase of that same iteration, before any new poll.
 */
export async function afterPendingSignals(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}
