/**
 * @module Reads one Snapshot document, with the name of where it came from. The schema library loads
 * only when a snapshot is actually read: a recipe from flags alone never needs it, and start-up time
 * is a tracked budget (bench/README.md).
 */
import type { NamedSnapshot } from '../../core/diff/name-nodes.js';
import { sourceName } from '../../core/shared/document-source.js';
import { readTypedDocument, type DocumentReading } from './read-typed-document.js';

export async function readSnapshot(
  location: string,
  reading: DocumentReading,
): Promise<NamedSnapshot> {
  const { snapshotSchema } = await import('../../core/snapshot/snapshot.js');
  const snapshot = await readTypedDocument(location, snapshotSchema, 'Snapshot', reading);
  return { source: sourceName(location), snapshot };
}
