/**
 * @module The interfaces actions need from the world. Adapters implement them; cli/main.ts and the
 * server's composition root build them and pass them in, so actions are tested with real fixtures
 * behind the same contracts.
 */
import type { FileTree } from '../core/bundle/file-tree.js';
import type { CnsError } from '../core/shared/errors.js';
import type {
  KubeClusterPolicy,
  KubeNode,
  KubePod,
  KubeVersionInfo,
} from '../core/snapshot/kube-objects.js';

/** The clock, passed in so documents are reproducible (SOURCE_DATE_EPOCH, tests). */
export interface Clock {
  now(): Date;
}

/** A monotonic clock in milliseconds (performance.now in the shells); only differences matter. */
export interface MonotonicTimer {
  now(): number;
}

/** Where warnings and progress go (stderr in the CLI); never results. */
export interface Reporter {
  warn(message: string): void;
  info(message: string): void;
}

/**
 * Reads files of the host being described, resolved under the host root (`--host-root`, default `/`).
 * Paths are host paths: absolute, and symlinks resolve as they would on the host (an absolute link
 * target lands under the root, never outside it).
 */
export interface HostFiles {
  /** The root every path is resolved under, e.g. `/` or `/host`. */
  readonly root: string;
  /**
   * Reads a UTF-8 file by its host path (e.g. `/etc/os-release`). Throws CnsError NOT_FOUND (absent),
   * FORBIDDEN (permission denied), USAGE (a path that is not absolute or climbs above the root), or
   * UNAVAILABLE (larger than `maxBytes`, a directory, or an I/O error such as EIO from /proc).
   */
  readText(path: string, options?: { readonly maxBytes?: number }): Promise<string>;
  /**
   * Reads many files in one call (a /proc/sys walk reads hundreds): each path maps to its text, or to
   * the CnsError readText would have thrown for it. Never rejects for a single file.
   */
  readTexts(
    paths: readonly string[],
    options?: { readonly maxBytes?: number },
  ): Promise<ReadonlyMap<string, string | CnsError>>;
  /** Lists a directory by its host path, sorted by name. Throws as readText does. */
  list(path: string): Promise<readonly HostDirEntry[]>;
}

export interface HostDirEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs host commands so they see the host, not a container around us. A non-zero exit is a result, not
 * an error. Throws CnsError NOT_FOUND when the program is absent, TIMEOUT past `timeoutMs` or when
 * `signal` aborts with a TimeoutError (AbortSignal.timeout), CANCELLED when `signal` aborts otherwise,
 * and UNAVAILABLE when host commands cannot be run at all from here (see the adapter for why).
 */
export interface CommandRunner {
  run(
    program: string,
    args: readonly string[],
    options: { readonly timeoutMs?: number; readonly signal?: AbortSignal },
  ): Promise<CommandResult>;
}

/**
 * The read-only view of a cluster that a snapshot records. Shapes follow the Kubernetes API objects
 * (VersionInfo, V1Node, V1Pod, the gpu-operator ClusterPolicy), reduced to the fields a snapshot reads,
 * so the official client's objects are assignable to them. Methods throw CnsError NOT_FOUND, FORBIDDEN,
 * CLUSTER_UNREACHABLE, TIMEOUT or CANCELLED.
 */
export interface KubeSnapshotSource {
  serverVersion(signal: AbortSignal): Promise<KubeVersionInfo>;
  readNode(name: string, signal: AbortSignal): Promise<KubeNode>;
  /** Pods of every namespace. */
  listPods(signal: AbortSignal): Promise<readonly KubePod[]>;
  /** ClusterPolicies (nvidia.com/v1); empty when the gpu-operator CRD is not installed. */
  listClusterPolicies(signal: AbortSignal): Promise<readonly KubeClusterPolicy[]>;
}

/**
 * Connects to the cluster on demand, so that a snapshot without a cluster pays nothing for the client.
 * Throws CnsError UNAVAILABLE, with the reason, when no kubeconfig or in-cluster configuration exists.
 */
export type OpenKubeSnapshotSource = (signal: AbortSignal) => Promise<KubeSnapshotSource>;

/**
 * Reads a bundle (a directory, `.zip` or `.tar.gz`) into its files. Throws CnsError NOT_FOUND when it
 * is absent, INPUT_SCHEMA when an archive is unreadable, CANCELLED when `signal` aborts.
 */
export type ReadBundleFiles = (location: string, signal?: AbortSignal) => Promise<FileTree>;
