/**
 * @module One connection to the selected cluster, shared by everything that talks to it in a run (the
 * K8s collector, `cm://` documents, the agent deployment): the official client, loaded here and only
 * here, configured as kubectl would be (--kubeconfig, else KUBECONFIG, else ~/.kube/config, else the
 * in-cluster service account; --context, else the current context), and a `call` wrapper that gives
 * every request the run's AbortSignal and turns its failures into CnsErrors naming the cluster.
 */
import type * as K8s from '@kubernetes/client-node';
import { join } from 'node:path';
import type { KubeSelection } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';
import { detectKubeConfig, type DetectKubeConfigInput } from './detect-kube-config.js';
import { toKubeError, type KubeCall } from './kube-errors.js';

export const NO_CLUSTER_REASON =
  'no kubeconfig (KUBECONFIG, ~/.kube/config) or in-cluster service account found';

export interface ConnectKubeInput extends Omit<DetectKubeConfigInput, 'kubeconfig'> {
  readonly selection: KubeSelection;
}

/** Per-request options of the client: the signal rides along as a middleware. */
export type CallOptions = K8s.ConfigurationOptions;

export interface KubeConnection {
  readonly k8s: typeof K8s;
  readonly config: K8s.KubeConfig;
  /** `cluster "prod" (https://10.0.0.1:6443)`, for messages. */
  readonly name: string;
  readonly core: K8s.CoreV1Api;
  readonly batch: K8s.BatchV1Api;
  readonly rbac: K8s.RbacAuthorizationV1Api;
  readonly authorization: K8s.AuthorizationV1Api;
  readonly authentication: K8s.AuthenticationV1Api;
  readonly version: K8s.VersionApi;
  readonly customObjects: K8s.CustomObjectsApi;
  /**
   * Runs one request: `request` gets client options carrying `signal`; a failure becomes a CnsError
   * describing `call` on this cluster.
   */
  call<T>(
    call: Omit<KubeCall, 'cluster'>,
    signal: AbortSignal,
    request: (options: CallOptions) => Promise<T>,
  ): Promise<T>;
}

/** Connects (loads the client and the configuration); throws CnsError UNAVAILABLE without a cluster. */
export async function connectKube(input: ConnectKubeInput): Promise<KubeConnection> {
  const source = await detectKubeConfig({
    ...input,
    ...(input.selection.kubeconfig === undefined ? {} : { kubeconfig: input.selection.kubeconfig }),
  });
  if (!source) throw new CnsError('UNAVAILABLE', NO_CLUSTER_REASON);
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  if (source.kind === 'kubeconfig') {
    loadKubeconfigFiles(config, k8s, source.paths);
  } else {
    const host = source.host.includes(':') ? `[${source.host}]` : source.host;
    // Built here rather than with loadFromCluster, which reads process.env: the environment is the
    // one composePorts was given (a pod's, in the test harness).
    config.loadFromOptions({
      clusters: [
        {
          name: 'in-cluster',
          server: `https://${host}:${source.port}`,
          caFile: join(source.credentials, 'ca.crt'),
        },
      ],
      users: [
        {
          name: 'service-account',
          authProvider: {
            name: 'tokenFile',
            config: { tokenFile: join(source.credentials, 'token') },
          },
        },
      ],
      contexts: [
        { name: 'in-cluster', context: { cluster: 'in-cluster', user: 'service-account' } },
      ],
      currentContext: 'in-cluster',
    });
  }
  selectContext(config, input.selection.context);
  const cluster = config.getCurrentCluster();
  if (!cluster) {
    throw new CnsError(
      'USAGE',
      `the kubeconfig's context "${config.getCurrentContext()}" names no cluster that it defines; fix the kubeconfig or pass --context`,
    );
  }
  const name =
    source.kind === 'in-cluster'
      ? `the in-cluster API server (${cluster.server})`
      : `cluster "${cluster.name}" (${cluster.server})`;
  const withSignal = (signal: AbortSignal): CallOptions => ({
    middleware: [
      {
        pre: (context) => {
          context.setSignal(signal);
          return new k8s.Observable(Promise.resolve(context));
        },
        post: (context) => new k8s.Observable(Promise.resolve(context)),
      },
    ],
    middlewareMergeStrategy: 'append',
  });
  return {
    k8s,
    config,
    name,
    core: config.makeApiClient(k8s.CoreV1Api),
    batch: config.makeApiClient(k8s.BatchV1Api),
    rbac: config.makeApiClient(k8s.RbacAuthorizationV1Api),
    authorization: config.makeApiClient(k8s.AuthorizationV1Api),
    authentication: config.makeApiClient(k8s.AuthenticationV1Api),
    version: config.makeApiClient(k8s.VersionApi),
    customObjects: config.makeApiClient(k8s.CustomObjectsApi),
    async call(call, signal, request) {
      signal.throwIfAborted();
      try {
        // A signal of its own per request: many concurrent requests would otherwise pile their
        // abort listeners onto the run's one signal.
        return await request(withSignal(AbortSignal.any([signal])));
      } catch (error) {
        throw toKubeError(error, { cluster: name, ...call }, signal);
      }
    },
  };
}

/** Loads kubeconfig files as kubectl merges KUBECONFIG: the first file's current context wins. */
function loadKubeconfigFiles(
  config: K8s.KubeConfig,
  k8s: typeof K8s,
  paths: readonly string[],
): void {
  paths.forEach((path, index) => {
    const target = index === 0 ? config : new k8s.KubeConfig();
    try {
      target.loadFromFile(path);
    } catch (error) {
      const errno = (error as { code?: unknown }).code;
      throw errno === 'ENOENT'
        ? new CnsError('NOT_FOUND', `kubeconfig ${path}: no such file`, {
            details: { path },
            cause: error,
          })
        : new CnsError(
            'USAGE',
            `kubeconfig ${path} cannot be read: ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`,
            { details: { path }, cause: error },
          );
    }
    // kubectl: the first file that names a current context decides it.
    if (target !== config) config.mergeConfig(target, Boolean(config.getCurrentContext()));
  });
}

function selectContext(config: K8s.KubeConfig, context: string | undefined): void {
  const names = config.getContexts().map((c) => c.name);
  const wanted = context ?? config.getCurrentContext();
  if (wanted && names.includes(wanted)) {
    config.setCurrentContext(wanted);
    return;
  }
  const known = names.length > 0 ? ` (it has: ${names.join(', ')})` : ' (it has none)';
  throw new CnsError(
    'USAGE',
    context
      ? `context "${context}" is not in the kubeconfig${known}`
      : `the kubeconfig sets no current context; pass --context${known}`,
    { details: { context: wanted, contexts: names } },
  );
}
