/**
 * @module The composition root's work, shared by cnsctl (cli/main.ts) and later cnsd: every port, built
 * from what the entry file knows of its own process. The entry file is the only one that reads
 * `process`; it hands the facts in here. Adapters that cost start-up time or pull in heavy libraries
 * (host commands, the cluster client, the bundle writer) are imported on first use, so a command
 * that never touches them never loads them. What only a terminal has (stdout/stderr, TTY, the
 * reporter) stays in cli/.
 */
import type { DeferInterrupts, KubeSelection, Ports, SchemeHandler } from '../../actions/ports.js';
import { CONFIG_MAP_SCHEME } from '../../core/shared/config-map-location.js';
import { CNS_VERSION } from '../../version.js';
import { createCatalogLoader } from '../catalog/catalog-loader.js';
import type { EmbeddedCatalog } from '../catalog/read-embedded-catalog.js';
import { createDocumentLister } from '../documents/document-lister.js';
import { createDocumentStore, type StandardStreams } from '../documents/document-store.js';
import type { RunnerProcess } from '../host/run-host-command.js';
import type { KubeConnection } from '../kube/kube-connection.js';
import { sourceDateClock, sourceDateEpoch } from '../time/source-date-clock.js';
import { systemTimeouts, systemTimer, wallClock } from '../time/system-time.js';

/** What the entry file knows of its process and how it gets the embedded data. */
export interface ComposeInput extends RunnerProcess {
  /** Our process id: names temp files of atomic writes and a bundle's temporary directory. */
  readonly processId: number;
  /** Reads the recipe data shipped with the tool (dist/catalog.json; data/ compiled in tests). */
  readonly loadEmbeddedCatalog: () => Promise<EmbeddedCatalog>;
  /** Standard input and output for the location `-`; absent in the server, where `-` is refused. */
  readonly stdio?: StandardStreams;
  /** Handlers of URI schemes beyond files, http(s) and `cm` (which is built here), or replacing them. */
  readonly schemes?: Readonly<Record<string, SchemeHandler>>;
  /** The cluster chosen by --kubeconfig and --context (kubectl's defaults where absent). */
  readonly kube?: KubeSelection;
  /**
   * Where the pod's file system starts, for its service account
   * (`/var/run/secrets/kubernetes.io/serviceaccount`): `/` in a real pod; a directory in the tests'
   * harness, which runs agents as pods.
   */
  readonly podRoot?: string;
  /**
   * How this process holds interrupts off while something must be undone (cli/main.ts: signal
   * handlers only then); absent where interrupts need no holding (tests, the server): work just runs.
   */
  readonly deferInterrupts?: DeferInterrupts;
}

const runAtOnce: DeferInterrupts = (work) => work();

/** Builds every port; none touches the world until it is used. */
export function composePorts(input: ComposeInput): Ports {
  const { env } = input;
  const deferInterrupts = input.deferInterrupts ?? runAtOnce;
  // One connection per run, made on first use: the client loads only for a command that needs it.
  let connection: Promise<KubeConnection> | undefined;
  const connectKube = (): Promise<KubeConnection> =>
    (connection ??= import('../kube/kube-connection.js').then(({ connectKube }) =>
      connectKube({
        env,
        homeDir: env.HOME,
        selection: input.kube ?? {},
        ...(input.podRoot === undefined ? {} : { podRoot: input.podRoot }),
      }),
    ));
  const configMaps: SchemeHandler = {
    read: async (uri, signal) => {
      const { configMapDocuments } = await import('../kube/config-map-documents.js');
      return configMapDocuments(connectKube, CNS_VERSION).read(uri, signal);
    },
    write: async (uri, text, signal) => {
      const { configMapDocuments } = await import('../kube/config-map-documents.js');
      return configMapDocuments(connectKube, CNS_VERSION).write(uri, text, signal);
    },
  };
  return {
    documents: createDocumentStore({
      processId: input.processId,
      deferInterrupts,
      ...(input.stdio ? { stdio: input.stdio } : {}),
      schemes: { [CONFIG_MAP_SCHEME]: configMaps, ...input.schemes },
    }),
    documentLister: createDocumentLister(),
    catalogLoader: createCatalogLoader(input.loadEmbeddedCatalog),
    clock: sourceDateClock(env, wallClock),
    timer: systemTimer,
    timeouts: systemTimeouts,
    openHost: async (root) => {
      const [{ createHostFiles }, { createHostCommandRunner }] = await Promise.all([
        import('../host/host-files.js'),
        import('../host/run-host-command.js'),
      ]);
      const { userId, killProcessGroup } = input;
      return {
        files: createHostFiles(root),
        commands: createHostCommandRunner(root, {
          env,
          userId,
          killProcessGroup,
          deferInterrupts,
        }),
      };
    },
    openKube: async (signal) => {
      const [kube, { kubeSnapshotSource }] = await Promise.all([
        connectKube(),
        import('../kube/kube-snapshot-source.js'),
      ]);
      signal.throwIfAborted();
      return kubeSnapshotSource(kube);
    },
    openAgentCluster: async (signal) => {
      const [kube, { createAgentCluster }] = await Promise.all([
        connectKube(),
        import('../kube/agent-cluster.js'),
      ]);
      signal.throwIfAborted();
      return createAgentCluster(kube);
    },
    deferInterrupts,
    chartFolders: {
      read: async (dir, charts) => {
        const { readChartFolders } = await import('../charts/read-chart-folders.js');
        return readChartFolders(dir, charts);
      },
    },
    openBundleWriter: async () => {
      const { createBundleWriter } = await import('../output/bundle-writer.js');
      // Archives are dated by the variable that fixes the documents' clock, never by the wall clock.
      return createBundleWriter({
        processId: input.processId,
        entryTime: () => sourceDateEpoch(env),
        deferInterrupts,
      });
    },
    openBundleReader: async () => {
      const { readBundle } = await import('../output/read-bundle.js');
      return { read: readBundle };
    },
  };
}
