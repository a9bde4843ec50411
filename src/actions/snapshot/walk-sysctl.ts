/**
 * @module Walks /proc/sys through HostFiles: one key per readable file, its full path as the key.
 * Unreadable files (write-only knobs such as vm/compact_memory, EIO from some drivers) and binary ones
 * are skipped; they are not configuration a snapshot can record. The files are read in one batch: a
 * walk reads hundreds, and a promise per file cost more than the reads themselves.
 */
import { parseSysctlValue } from '../../core/snapshot/parse-sysctl-value.js';
import {
  isSysctlPathSelected,
  SYSCTL_ROOT,
  type SysctlSelection,
} from '../../core/snapshot/sysctl-filter.js';
import type { HostDirEntry, HostFiles } from '../ports.js';

const MAX_VALUE_BYTES = 64 * 1024;

/** Returns path → value for every readable, selected file under /proc/sys. Throws if the root cannot be listed. */
export async function walkSysctl(
  files: HostFiles,
  selection: SysctlSelection,
  signal: AbortSignal,
): Promise<Record<string, string>> {
  const paths: string[] = [];
  const pending = [SYSCTL_ROOT];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    signal.throwIfAborted();
    // The root must list; a subdirectory that cannot (permissions, a vanished net device) is skipped.
    const entries: readonly HostDirEntry[] =
      dir === SYSCTL_ROOT ? await files.list(dir) : await files.list(dir).catch(() => []);
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (!isSysctlPathSelected(path, selection)) continue;
      if (entry.kind === 'directory') pending.push(path);
      else if (entry.kind === 'file') paths.push(path);
    }
  }
  const texts = await files.readTexts(paths, { maxBytes: MAX_VALUE_BYTES });
  signal.throwIfAborted();
  const values: Record<string, string> = {};
  for (const [path, text] of texts) {
    const value = typeof text === 'string' ? parseSysctlValue(text) : undefined;
    if (value !== undefined) values[path] = value;
  }
  return values;
}
