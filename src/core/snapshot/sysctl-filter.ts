/**
 * @module Which /proc/sys files a snapshot walks and keeps. `net/` is skipped unless asked for (it is
 * large, per network namespace, and rarely what a recipe constrains). Counters and random values that
 * change on every read are left out so snapshots of the same node diff clean; `--all-properties` keeps them.
 */

export const SYSCTL_ROOT = '/proc/sys';

/** Paths under /proc/sys that change while the configuration does not (a trailing `/` is a subtree). */
export const VOLATILE_SYSCTL_PATHS: readonly string[] = [
  'dev/cdrom/',
  'fs/aio-nr',
  'fs/dentry-state',
  'fs/file-nr',
  'fs/inode-nr',
  'fs/inode-state',
  'fs/quota/',
  'kernel/ns_last_pid',
  'kernel/perf_event_max_sample_rate',
  'kernel/pty/nr',
  'kernel/random/boot_id',
  'kernel/random/entropy_avail',
  'kernel/random/uuid',
  'net/netfilter/nf_conntrack_count',
];

const VOLATILE_FILES = new Set(VOLATILE_SYSCTL_PATHS.filter((p) => !p.endsWith('/')));
const VOLATILE_SUBTREES = VOLATILE_SYSCTL_PATHS.filter((p) => p.endsWith('/'));

/** Options of the /proc/sys walk. */
export interface SysctlSelection {
  readonly includeNet: boolean;
  readonly keepVolatile: boolean;
}

/** Whether the walk descends into (for a directory, with a trailing `/`) or keeps this /proc/sys path. */
export function isSysctlPathSelected(path: string, selection: SysctlSelection): boolean {
  const relative = path.startsWith(`${SYSCTL_ROOT}/`) ? path.slice(SYSCTL_ROOT.length + 1) : path;
  if (!selection.includeNet && (relative === 'net' || relative.startsWith('net/'))) return false;
  if (selection.keepVolatile) return true;
  if (VOLATILE_FILES.has(relative)) return false;
  return !VOLATILE_SUBTREES.some((subtree) => `${relative}/`.startsWith(subtree));
}
