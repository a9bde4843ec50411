/**
 * @module Walks /proc/sys through HostFiles: one key per readable file, its full path as the key.
 * Unreadable files (write-only knobs such as vm/compact_memory, EIO from some drivers) and binary ones
 * are skipped; they are not configuration a snapshot can record. Reads run a bounded number at a time.
 */
import { parseSysctlValue } from '../../core/snapshot/parse-sysctl-value.js';
import {
  isSysctlPathSelected,
  SYSCTL_ROOT,
  type SysctlSelection,
} from '../../core/snapshot/sysctl-filter.js';
import type { HostFiles } from '../ports.js';

const PARALLEL_READS = 32;
const MAX_VALUE_BYTES = 64 * 1024;

/** Returns path → value for every readable, selected file under /proc/sys. Throws if the root cannot be listed. */
export async function walkSysctl(
  files: HostFiles,
  selection: SysctlSelection,
  signal: AbortSignal,
): Promise<Record<string, string>> {
  const paths = await listFiles(files, SYSCTL_ROOT, selection, signal, true);
  const values = new Map<string, string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      signal.throwIfAborted();
      const path = paths[next] as string;
      next += 1;
      const text = await files.readText(path, { maxBytes: MAX_VALUE_BYTES }).catch(() => undefined);
      const value = text === undefined ? undefined : parseSysctlValue(text);
      if (value !== undefined) values.set(path, value);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, paths.length) }, worker));
  signal.throwIfAborted();
  return Object.fromEntries(
    paths.filter((p) => values.has(p)).map((p) => [p, values.get(p) as string]),
  );
}

async function listFiles(
  files: HostFiles,
  dir: string,
  selection: SysctlSelection,
  signal: AbortSignal,
  isRoot: boolean,
): Promise<string[]> {
  signal.throwIfAborted();
  // The root must list; a subdirectory that cannot (permissions, a vanished net device) is skipped.
  const entries = isRoot ? await files.list(dir) : await files.list(dir).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = `${dir}/${entry.name}`;
      if (!isSysctlPathSelected(path, selection)) return [];
      if (entry.kind === 'directory') return listFiles(files, path, selection, signal, false);
      return entry.kind === 'file' ? [path] : [];
    }),
  );
  return nested.flat();
}
