/**
 * @module Names the nodes of snapshots being compared: `metadata.source-node` (or the older
 * `metadata.source`, which the schema already maps), else the file name the snapshot came from. Two
 * snapshots with one name get their source added, so every node in a report has a distinct name.
 */
import type { Snapshot } from '../snapshot/snapshot.js';

/** A snapshot and where it was read from (a path, URL, `-` or `cm://` URI, as the user gave it). */
export interface NamedSnapshot {
  readonly source: string;
  readonly snapshot: Snapshot;
}

/**
 * One distinct display name per input, in input order.
 * @example nameNodes([{ source: 'a/n1.yaml', snapshot: withoutSourceNode }]) // ['n1.yaml']
 */
export function nameNodes(inputs: readonly NamedSnapshot[]): string[] {
  const base = inputs.map(({ source, snapshot }) => {
    const node = snapshot.metadata['source-node'];
    return node !== undefined && node !== '' ? node : fileName(source);
  });
  const counts = new Map<string, number>();
  for (const name of base) counts.set(name, (counts.get(name) ?? 0) + 1);
  const used = new Set<string>();
  return base.map((name, i) => {
    let candidate = (counts.get(name) ?? 0) > 1 ? `${name} (${inputs[i]?.source ?? ''})` : name;
    // The same snapshot given twice still needs two names.
    for (let n = 2; used.has(candidate); n++)
      candidate = `${name} (${inputs[i]?.source ?? ''} #${n})`;
    used.add(candidate);
    return candidate;
  });
}

function fileName(source: string): string {
  const trimmed = source.replace(/[/\\]+$/, '');
  const last = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return last === '' ? source : last;
}
