/**
 * @module The interfaces actions need from the world. Adapters implement them; the composition root
 * (adapters/compose/compose-ports.ts, called by cli/main.ts and later by the server's entry) builds
 * them into one `Ports` object and passes them in, so actions are tested with real fixtures behind
 * the same contracts.
 */
import type { BundleArchiveFormat, BundleFormat } from '../core/bundle/bundle-format.js';
import type { FileTree } from '../core/bundle/file-tree.js';
import type { Catalog } from '../core/recipe/catalog.js';
import type { ChartFolder } from '../core/recipe/check-values-paths.js';
import type { DataFiles } from '../core/recipe/parse-catalog.js';
import type { CnsError } from '../core/shared/errors.js';
import type { AgentObject, KubeObjectRef } from '../core/snapshot/agent-manifests.js';
import type { AccessCheck } from '../core/snapshot/agent-permissions.js';
import type {
  KubeClusterPolicy,
  KubeEvent,
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

/** Time limits for work in progress (AbortSignal.timeout in the shells). */
export interface Timeouts {
  /** A signal that aborts after `ms` milliseconds with an Error named `TimeoutError`. */
  signal(ms: number): AbortSignal;
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
  /** Pods of every namespace bound to the node `nodeName`. */
  listPodsOnNode(nodeName: string, signal: AbortSignal): Promise<readonly KubePod[]>;
  /**
   * ClusterPolicies (nvidia.com/v1); CnsError UNAVAILABLE when the gpu-operator CRD is not
   * installed (the part is then recorded as unavailable, never as an error).
   */
  listClusterPolicies(signal: AbortSignal): Promise<readonly KubeClusterPolicy[]>;
}

/**
 * Connects to the cluster on demand, so that a snapshot without a cluster pays nothing for the client.
 * Throws CnsError UNAVAILABLE, with the reason, when no kubeconfig or in-cluster configuration exists.
 */
export type OpenKubeSnapshotSource = (signal: AbortSignal) => Promise<KubeSnapshotSource>;

/**
 * Which cluster to talk to, as kubectl's `--kubeconfig` and `--context` choose it. Absent fields
 * follow kubectl's defaults: KUBECONFIG, then ~/.kube/config, then the in-cluster service account;
 * the kubeconfig's current context.
 */
export interface KubeSelection {
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** What the pods of an agent run looked like at one moment (after the events seen so far). */
export interface PodStates {
  /** Every pod matching the query, by name. */
  readonly pods: ReadonlyMap<string, KubePod>;
}

/**
 * The cluster as the agent deployment (`snapshot --deploy-agent`) needs it. Objects are the plain
 * API objects that core/snapshot/agent-manifests.ts builds. Methods throw CnsError FORBIDDEN (the
 * verb and resource refused), NOT_FOUND, CONFLICT, CLUSTER_UNREACHABLE, TIMEOUT or CANCELLED, each
 * naming the cluster.
 */
export interface AgentCluster {
  /** The cluster for messages: `cluster "prod" (https://10.0.0.1:6443)`. */
  readonly name: string;
  /** The user the cluster sees (SelfSubjectReview); undefined when it cannot say. */
  whoAmI(signal: AbortSignal): Promise<string | undefined>;
  /** Asks the API server (SelfSubjectAccessReview) about each check; returns those refused. */
  refusedAccess(checks: readonly AccessCheck[], signal: AbortSignal): Promise<AccessCheck[]>;
  /** Names of the nodes whose labels match every pair of `selector`, sorted. */
  listNodeNames(selector: Readonly<Record<string, string>>, signal: AbortSignal): Promise<string[]>;
  /**
   * Creates the object and returns it as stored (with its uid); CnsError CONFLICT with
   * `details.reason: 'AlreadyExists'` when one of that name exists.
   */
  create(object: AgentObject, signal: AbortSignal): Promise<AgentObject>;
  /** The object as stored, or undefined when there is none. */
  read(ref: KubeObjectRef, signal: AbortSignal): Promise<AgentObject | undefined>;
  /** Replaces a stored object: `object.metadata.resourceVersion` names the version it replaces. */
  replace(object: AgentObject, signal: AbortSignal): Promise<void>;
  /** Deletes the object (its dependents in the background); false when it was already gone. */
  delete(ref: KubeObjectRef, signal: AbortSignal): Promise<boolean>;
  /** Deletes every pod of `namespace` matching `labelSelector`. */
  deletePods(namespace: string, labelSelector: string, signal: AbortSignal): Promise<void>;
  /**
   * Watches the pods of `namespace` matching `labelSelector`: yields their states after the first
   * list and again after events (coalesced: a slow consumer gets the latest state, not a backlog),
   * re-listing when the watch expires or disconnects. Ends when `signal` aborts (rejecting with its
   * reason as a CnsError).
   */
  watchPods(
    query: { readonly namespace: string; readonly labelSelector: string },
    signal: AbortSignal,
  ): AsyncIterable<PodStates>;
  /** The last `tailLines` lines the pod's container wrote. */
  readPodLog(
    ref: { readonly namespace: string; readonly name: string; readonly tailLines: number },
    signal: AbortSignal,
  ): Promise<string>;
  /** Events about the object `name` in `namespace`, oldest first. */
  listEvents(namespace: string, name: string, signal: AbortSignal): Promise<KubeEvent[]>;
}

/** Connects to the selected cluster on demand (the client loads on first use). */
export type OpenAgentCluster = (signal: AbortSignal) => Promise<AgentCluster>;

/** Files and commands of one host, both seen under the same host root. */
export interface HostAccess {
  readonly files: HostFiles;
  readonly commands: CommandRunner;
}

/** Opens the host mounted at `root` (`/` for this machine); its adapters load on first use. */
export type OpenHost = (root: string) => Promise<HostAccess>;

/**
 * Reads and writes documents by location: a file path, `-` (stdin / stdout), an http(s) URL (read
 * only), or a URI whose scheme has a registered SchemeHandler (`cm://namespace/name`). Throws CnsError
 * NOT_FOUND, FORBIDDEN, TIMEOUT, CLUSTER_UNREACHABLE, USAGE (an unsupported location) or CANCELLED.
 */
export interface DocumentStore {
  read(location: string, signal?: AbortSignal): Promise<string>;
  /** Writes the whole text at once; `undefined` or `-` is stdout. Files are replaced atomically. */
  write(location: string | undefined, text: string, signal?: AbortSignal): Promise<void>;
}

/** Reads and writes the documents of one URI scheme (`cm` for ConfigMaps), for the DocumentStore. */
export interface SchemeHandler {
  read(uri: string, signal?: AbortSignal): Promise<string>;
  write(uri: string, text: string, signal?: AbortSignal): Promise<void>;
}

/** Expands a location that holds several documents (a directory) into their locations. */
export interface DocumentLister {
  /**
   * The document files (.yaml, .yml, .json; dot files skipped) directly in the directory
   * `location`, by file name; `undefined` when `location` is not a directory (a file, `-`, a URL),
   * so the caller reads it as one document. Throws CnsError FORBIDDEN when the directory cannot be
   * listed.
   */
  list(location: string, signal?: AbortSignal): Promise<readonly string[] | undefined>;
}

/** The recipe data: the embedded catalog, or a data directory laid over it (`--data`). */
export interface CatalogLoader {
  /** Throws CnsError BAD_DATA (listing every problem), NOT_FOUND or USAGE for a bad directory. */
  load(dataDir?: string): Promise<Catalog>;
  /**
   * The data files (path → text) before validation: the embedded ones, with a data directory's laid
   * over them (and where they came from, for messages). For checks that report every problem
   * instead of stopping at the first parse error.
   */
  files(dataDir?: string): Promise<DataFiles>;
}

/** Reads a folder of unpacked charts (`<chart>/` or `<chart>-v<version>/`) for the values-path check. */
export interface ChartFolderReader {
  /** The folders of `dir` holding one of `charts`. Throws CnsError NOT_FOUND or FORBIDDEN. */
  read(dir: string, charts: readonly string[]): Promise<ChartFolder[]>;
}

/**
 * Writes a rendered bundle. The archives' entries all carry one modification time, fixed when the
 * ports are composed: SOURCE_DATE_EPOCH when the environment sets it (the documents' clock reads the
 * same variable), otherwise 1980-01-02T00:00:00Z; nothing else of the run goes into the bytes, so
 * one tree gives one archive, in cnsctl and cnsd alike.
 */
export interface BundleWriter {
  /**
   * Writes `tree` to `target` in the form its name says (bundleFormatOf: `.zip`, `.tar.gz`/`.tgz`,
   * else a directory), all or nothing: a directory fills a temporary sibling renamed into place, an
   * archive is written atomically with the bytes of `archive()`. An existing target (a non-empty
   * directory, or a file) is replaced only with `force`. Returns the form written.
   * @throws CnsError USAGE (target exists without force, is the wrong kind, cannot be written there;
   *   the message names `--output`), CANCELLED when `signal` aborts (nothing is left behind).
   */
  write(
    target: string,
    tree: FileTree,
    options: { readonly force: boolean; readonly signal?: AbortSignal },
  ): Promise<BundleFormat>;
  /** The archive of `tree` in memory, byte for byte what `write()` puts in a file of that format. */
  archive(tree: FileTree, format: BundleArchiveFormat): Promise<Uint8Array>;
}

/** Reads a bundle back (`bundle verify`): a directory, a `.zip` or a `.tar.gz`/`.tgz`. */
export interface BundleReader {
  /**
   * Every regular file by `/`-separated relative path, in path order, with its mode (executable or
   * not); odd names are kept so that verify reports them as extra.
   * @throws CnsError NOT_FOUND (absent), FORBIDDEN, USAGE (a file that is no bundle archive),
   *   INPUT_SCHEMA (an unreadable or oversized archive, an entry outside the bundle), CANCELLED.
   */
  read(location: string, signal?: AbortSignal): Promise<FileTree>;
}

/**
 * Runs `work`, which leaves something to undo if it stops half-way: a temp file not yet renamed, child
 * processes, a cluster object. Outside such work an interrupt (Ctrl-C, SIGTERM) ends the process at
 * once, as the system's default does, so no long parse or blocked read can delay it, and nothing is
 * left behind because nothing was pending. During it, the interrupt instead aborts the run's signal;
 * `work` sees the abort, undoes what it did and settles, and the process ends by the same signal when
 * the last such work has settled. Adapters wrap exactly the span between creating and settling what
 * needs undoing; the server's implementation simply runs `work`.
 */
export type DeferInterrupts = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Every port, as a composition root builds them: once per run in cnsctl, once at boot in cnsd. The
 * heavy ones (host commands, the cluster, the bundle writer and reader) load their adapters on first
 * use.
 */
export interface Ports {
  readonly documents: DocumentStore;
  readonly documentLister: DocumentLister;
  readonly catalogLoader: CatalogLoader;
  /** The time written into documents (SOURCE_DATE_EPOCH fixes it). */
  readonly clock: Clock;
  readonly timer: MonotonicTimer;
  readonly timeouts: Timeouts;
  readonly openHost: OpenHost;
  readonly openKube: OpenKubeSnapshotSource;
  /** The cluster the agent is deployed to (`snapshot --deploy-agent`): the same one openKube reads. */
  readonly openAgentCluster: OpenAgentCluster;
  readonly chartFolders: ChartFolderReader;
  /** For work that must undo itself when interrupted (see DeferInterrupts). */
  readonly deferInterrupts: DeferInterrupts;
  /** The bundle writers (directory, zip, tar.gz); loaded on first use. */
  readonly openBundleWriter: () => Promise<BundleWriter>;
  /** Reads a bundle back for `bundle verify`; loaded on first use. */
  readonly openBundleReader: () => Promise<BundleReader>;
}

/**
 * What a caller hands to any action: every port, plus where warnings go, the cancel signal of this
 * run (a CLI run, an HTTP request) and the tool version recorded in documents. Each action declares
 * the part it uses, so tests build only that.
 */
export interface ActionDeps extends Ports {
  readonly reporter: Reporter;
  readonly signal: AbortSignal;
  readonly toolVersion: string;
}
