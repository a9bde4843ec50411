/**
 * @module Reads a fleet: snapshot locations as the user gave them, where a directory stands for the
 * snapshot files in it (DocumentLister), read a few at a time and returned in the order given.
 */
import type { NamedSnapshot } from '../../core/diff/name-nodes.js';
import { CnsError } from '../../core/shared/errors.js';
import type { DocumentLister } from '../ports.js';
import { readSnapshot } from './read-snapshot.js';
import type { DocumentReading } from './read-typed-document.js';

// Enough reads in flight to hide file latency, few enough to stay far from the open-file limit.
const READ_CONCURRENCY = 16;

export interface FleetReading extends DocumentReading {
  readonly documentLister: DocumentLister;
}

/**
 * Reads every snapshot `locations` name, directories expanded.
 * @throws CnsError NOT_FOUND for a directory without snapshot files, and what reading throws.
 */
export async function readFleet(
  locations: readonly string[],
  reading: FleetReading,
): Promise<NamedSnapshot[]> {
  const expanded = await Promise.all(
    locations.map(async (location) => {
      const listed = await reading.documentLister.list(location, reading.signal);
      if (listed === undefined) return [location];
      if (listed.length > 0) return listed;
      throw new CnsError(
        'NOT_FOUND',
        `${location}: no snapshot files (.yaml, .yml, .json) in this directory`,
        { details: { path: location } },
      );
    }),
  );
  return mapConcurrently(expanded.flat(), READ_CONCURRENCY, (location) =>
    readSnapshot(location, reading),
  );
}

/** `work` on every item, at most `limit` at once; results in the items' order. */
async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
