/**
 * @module The keys `cnsctl diff` ignores unless told otherwise (`--no-default-ignores`): values that
 * change while the node's configuration does not, or that differ between nodes by definition. Patterns
 * use the glob dialect of glob-to-regexp.ts on `Type.Subtype.Key`. Snapshots taken by cnsctl already
 * leave most volatile SystemD properties out; older snapshots and `--all-properties` captures do not,
 * so the same names are listed here (keep in sync with src/core/snapshot/systemd-property-filter.ts).
 */

export interface VolatileKeyPattern {
  readonly pattern: string;
  /** Why the value is volatile, shown by `cnsctl diff --help` and in docs/commands/diff.md. */
  readonly reason: string;
}

export const VOLATILE_KEY_PATTERNS: readonly VolatileKeyPattern[] = [
  // Capture metadata: when, by which tool version and of which node, not what the node is.
  { pattern: 'metadata.timestamp', reason: 'when the snapshot was taken' },
  { pattern: 'metadata.source-node', reason: 'names the node, so it differs between nodes' },
  { pattern: 'metadata.source', reason: 'older name of metadata.source-node' },
  { pattern: 'metadata.version', reason: 'the version of the tool that took the snapshot' },
  // Identity of the node and of this boot.
  { pattern: 'OS.sysctl./proc/sys/kernel/hostname', reason: 'the node name' },
  { pattern: 'K8s.node.name', reason: 'the node name' },
  { pattern: 'K8s.node.provider-id', reason: 'the cloud instance id' },
  { pattern: 'OS.sysctl./proc/sys/kernel/random/*', reason: 'boot id, random uuid, entropy' },
  // Kernel counters that move with load.
  { pattern: 'OS.sysctl./proc/sys/kernel/ns_last_pid', reason: 'the last PID handed out' },
  { pattern: 'OS.sysctl./proc/sys/fs/dentry-state', reason: 'dentry cache counters' },
  { pattern: 'OS.sysctl./proc/sys/fs/inode-nr', reason: 'inode counters' },
  { pattern: 'OS.sysctl./proc/sys/fs/inode-state', reason: 'inode counters' },
  { pattern: 'OS.sysctl./proc/sys/fs/file-nr', reason: 'open file handle counters' },
  { pattern: 'OS.sysctl./proc/sys/fs/aio-nr', reason: 'in-flight async I/O requests' },
  { pattern: 'OS.sysctl./proc/sys/fs/dquot-nr', reason: 'quota cache counters' },
  { pattern: 'OS.sysctl./proc/sys/fs/quota/*', reason: 'quota statistics' },
  { pattern: 'OS.sysctl./proc/sys/kernel/pty/nr', reason: 'pseudo-terminals in use' },
  { pattern: 'OS.sysctl./proc/sys/dev/cdrom/*', reason: 'follows the media in the drive' },
  {
    pattern: 'OS.sysctl./proc/sys/net/netfilter/nf_conntrack_count',
    reason: 'tracked connections',
  },
  {
    pattern: 'OS.sysctl./proc/sys/kernel/perf_event_max_sample_rate',
    reason: 'lowered by the kernel itself when perf interrupts run long',
  },
  // SystemD unit state that changes on every restart or with load.
  { pattern: 'SystemD.*Timestamp', reason: 'when a unit changed state' },
  { pattern: 'SystemD.*TimestampMonotonic', reason: 'when a unit changed state' },
  { pattern: 'SystemD.*.MainPID', reason: 'process id' },
  { pattern: 'SystemD.*.ControlPID', reason: 'process id' },
  { pattern: 'SystemD.*.ExecMainPID', reason: 'process id' },
  { pattern: 'SystemD.*.ExecMainCode', reason: 'how the last main process ended' },
  { pattern: 'SystemD.*.ExecMainStatus', reason: 'how the last main process ended' },
  { pattern: 'SystemD.*.InvocationID', reason: 'new on every start' },
  { pattern: 'SystemD.*.ControlGroupId', reason: 'new on every start' },
  { pattern: 'SystemD.*.NRestarts', reason: 'restart counter' },
  { pattern: 'SystemD.*.StatusText', reason: 'free text the service reports' },
  { pattern: 'SystemD.*.StatusErrno', reason: 'last error the service reported' },
  { pattern: 'SystemD.*.Job', reason: 'the job queued at capture time' },
  { pattern: 'SystemD.*.NFileDescriptorStore', reason: 'descriptors held right now' },
  { pattern: 'SystemD.*CPUUsageNSec', reason: 'CPU time used' },
  { pattern: 'SystemD.*.TasksCurrent', reason: 'tasks running now' },
  { pattern: 'SystemD.*.Memory*Current', reason: 'memory used now' },
  { pattern: 'SystemD.*.Memory*Peak', reason: 'memory high-water mark' },
  { pattern: 'SystemD.*.MemoryAvailable', reason: 'memory free now' },
  { pattern: 'SystemD.*.EffectiveMemory*', reason: 'derived from the memory free now' },
  { pattern: 'SystemD.*.EffectiveTasksMax', reason: 'derived from the tasks running now' },
  { pattern: 'SystemD.*.IPIngress*', reason: 'network accounting counters' },
  { pattern: 'SystemD.*.IPEgress*', reason: 'network accounting counters' },
  { pattern: 'SystemD.*.IORead*', reason: 'I/O accounting counters' },
  { pattern: 'SystemD.*.IOWrite*', reason: 'I/O accounting counters' },
  // GPU readings that move with load and temperature rather than configuration. ECC error, remapped
  // row and PCIe replay counts are counters too, but they are kept: a node that accumulates them is
  // the broken node a fleet diff is run to find.
  { pattern: 'GPU.*temperature*', reason: 'temperature reading' },
  { pattern: 'GPU.*power*draw*', reason: 'power reading' },
  { pattern: 'GPU.*utilization*', reason: 'utilization reading' },
  { pattern: 'GPU.*fan*speed*', reason: 'fan reading' },
  { pattern: 'GPU.*memory*used*', reason: 'memory in use' },
  { pattern: 'GPU.*memory*free*', reason: 'memory free' },
  { pattern: 'GPU.*memory*reserved*', reason: 'memory reserved by the driver at load' },
  { pattern: 'GPU.*performance*state*', reason: 'P-state follows load' },
  { pattern: 'GPU.*power[-_]state', reason: 'P-state follows load' },
  { pattern: 'GPU.*[tr]x[-_]util*', reason: 'PCIe throughput reading' },
  { pattern: 'GPU.*encoder[-_]stats.*', reason: 'encoder sessions now' },
  { pattern: 'GPU.*fbc[-_]stats.*', reason: 'frame-buffer capture sessions now' },
  { pattern: 'GPU.*clocks[-_]event[-_]reasons*', reason: 'why clocks are throttled right now' },
  { pattern: 'GPU.*.clocks.*', reason: 'current clocks (max and application clocks are kept)' },
  { pattern: 'GPU.*processes*', reason: 'processes using the GPU now' },
  { pattern: 'GPU.*.timestamp', reason: 'when nvidia-smi ran' },
];

/** Run-time fields systemd writes inside Exec* values (`{ path=… ; pid=123 ; start_time=[…] }`). */
const EXEC_RUNTIME_FIELDS = /\s*;\s*(start_time|stop_time|pid|code|status)=(\[[^\]]*\]|[^;}\s]*)/g;

/**
 * The value diff compares for `key` under the default ignores (`--no-default-ignores` compares every
 * value as captured, through keepValue): SystemD Exec* values lose the run-time fields systemd writes
 * into them (start time, PID, exit status), which older snapshots kept; every other value is as is.
 */
export function normalizeDiffValue(type: string, key: string, value: string): string {
  return type === 'SystemD' && key.startsWith('Exec')
    ? value.replace(EXEC_RUNTIME_FIELDS, '')
    : value;
}

/** The value as captured, for `--no-default-ignores`. */
export function keepValue(_type: string, _key: string, value: string): string {
  return value;
}
