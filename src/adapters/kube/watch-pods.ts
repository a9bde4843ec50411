/**
 * @module Watching pods the way informers do: list (which gives a resourceVersion), then watch from
 * that version, applying ADDED/MODIFIED/DELETED to a map; when the watch closes (the server's
 * timeout, a dropped connection) watch again from the last version seen; when that version has
 * expired (410 Gone) list again. The consumer sees the latest state, never a backlog: events that
 * arrive while it is busy are folded into the next state it gets.
 */
import type { PodStates } from '../../actions/ports.js';
import { CnsError } from '../../core/shared/errors.js';
import type { KubePod } from '../../core/snapshot/kube-objects.js';
import type { KubeConnection } from './kube-connection.js';
import { toKubeError } from './kube-errors.js';

export interface PodQuery {
  readonly namespace: string;
  readonly labelSelector: string;
}

export interface WatchOptions {
  /** How long the server keeps one watch open before closing it (the loop then watches again). */
  readonly watchTimeoutSeconds?: number;
  /** Pauses before listing again after a failed list (the connection dropped), in milliseconds. */
  readonly retryDelaysMs?: readonly number[];
}

const DEFAULT_WATCH_TIMEOUT_SECONDS = 300;
const DEFAULT_RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

/** How a watch ended: closed (watch again), expired (list again), or refused (give up). */
interface WatchEnd {
  readonly end: 'expired' | 'closed' | 'refused';
  readonly lastVersion: string;
  readonly error?: unknown;
}

/** The pods matching `query`, as a stream of states; it ends by throwing when `signal` aborts. */
export async function* watchPods(
  kube: KubeConnection,
  query: PodQuery,
  signal: AbortSignal,
  options: WatchOptions = {},
): AsyncGenerator<PodStates, never, void> {
  const pods = new Map<string, KubePod>();
  const inner = new AbortController();
  const stop = (): void => {
    inner.abort(signal.reason);
    wake?.();
  };
  signal.addEventListener('abort', stop, { once: true });
  let changed = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    changed = true;
    wake?.();
  };
  const loop = keepWatching(kube, query, pods, notify, inner.signal, options).catch(
    (error: unknown) => {
      failure =
        error instanceof Error
          ? error
          : toKubeError(error, {
              cluster: kube.name,
              verb: 'watch',
              resource: 'pods',
              namespace: query.namespace,
            });
      wake?.();
    },
  );
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      if (signal.aborted) {
        throw toKubeError(
          signal.reason,
          { cluster: kube.name, verb: 'watch', resource: 'pods', namespace: query.namespace },
          signal,
        );
      }
      if (changed) {
        changed = false;
        yield { pods: new Map(pods) };
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    signal.removeEventListener('abort', stop);
    inner.abort(new CnsError('CANCELLED', 'the pod watch ended'));
    await loop;
  }
}

async function keepWatching(
  kube: KubeConnection,
  query: PodQuery,
  pods: Map<string, KubePod>,
  notify: () => void,
  signal: AbortSignal,
  options: WatchOptions,
): Promise<void> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let failures = 0;
  while (!signal.aborted) {
    let version: string;
    try {
      const list = await kube.call(
        { verb: 'list', resource: 'pods', namespace: query.namespace },
        signal,
        (callOptions) =>
          kube.core.listNamespacedPod(
            { namespace: query.namespace, labelSelector: query.labelSelector },
            callOptions,
          ),
      );
      failures = 0;
      pods.clear();
      for (const pod of list.items) pods.set(pod.metadata?.name ?? '', pod);
      notify();
      version = list.metadata?.resourceVersion ?? '';
    } catch (error) {
      if (signal.aborted) return;
      // A dropped connection gets a few more tries; a refusal (RBAC, bad selector) does not.
      const delay = delays[failures];
      const code = (error as { code?: unknown }).code;
      if (delay === undefined || code === 'FORBIDDEN' || code === 'USAGE') throw error;
      failures++;
      await sleep(delay, signal);
      continue;
    }
    for (;;) {
      const outcome = await watchOnce(kube, query, version, pods, notify, signal, options);
      if (outcome.end === 'refused') {
        throw toKubeError(
          outcome.error,
          { cluster: kube.name, verb: 'watch', resource: 'pods', namespace: query.namespace },
          signal,
        );
      }
      if (signal.aborted || outcome.end === 'expired') break;
      version = outcome.lastVersion;
    }
  }
}

/** One watch request, from `version` until the server closes it or says the version expired. */
function watchOnce(
  kube: KubeConnection,
  query: PodQuery,
  version: string,
  pods: Map<string, KubePod>,
  notify: () => void,
  signal: AbortSignal,
  options: WatchOptions,
): Promise<WatchEnd> {
  return new Promise((resolve) => {
    let lastVersion = version;
    let expired = false;
    let controller: AbortController | undefined;
    const onAbort = (): void => controller?.abort();
    const finish = (error: unknown): void => {
      signal.removeEventListener('abort', onAbort);
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      if (status === 401 || status === 403) {
        resolve({ end: 'refused', lastVersion, error });
        return;
      }
      // A stream that failed (a dropped connection, an HTTP error) is not trusted: list again.
      if (error && !signal.aborted) expired = true;
      resolve({ end: expired ? 'expired' : 'closed', lastVersion });
    };
    new kube.k8s.Watch(kube.config)
      .watch(
        `/api/v1/namespaces/${encodeURIComponent(query.namespace)}/pods`,
        {
          labelSelector: query.labelSelector,
          resourceVersion: version,
          allowWatchBookmarks: true,
          timeoutSeconds: options.watchTimeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS,
        },
        (
          type: string,
          object: KubePod & { code?: number; metadata?: { resourceVersion?: string } },
        ) => {
          if (type === 'ERROR') {
            // 410 Gone: our version is older than the server keeps; anything else: start over too.
            expired = true;
            return;
          }
          lastVersion = object.metadata?.resourceVersion ?? lastVersion;
          if (type === 'BOOKMARK') return;
          const name = object.metadata?.name ?? '';
          if (type === 'DELETED') pods.delete(name);
          else pods.set(name, trimPod(object));
          notify();
        },
        finish,
      )
      .then((created) => {
        controller = created;
        if (signal.aborted) created.abort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }, finish);
  });
}

/**
 * What the consumer reads of a pod (where it is, how it is doing), nothing more: a fleet's pods are
 * held for the whole run, and a full pod object is ten times the size.
 */
function trimPod(pod: KubePod): KubePod {
  const { metadata, spec, status } = pod;
  return {
    metadata: {
      ...(metadata?.name === undefined ? {} : { name: metadata.name }),
      ...(metadata?.labels === undefined ? {} : { labels: metadata.labels }),
      ...(metadata?.deletionTimestamp === undefined
        ? {}
        : { deletionTimestamp: metadata.deletionTimestamp }),
    },
    spec: {
      containers: [],
      ...(spec?.nodeName === undefined ? {} : { nodeName: spec.nodeName }),
    },
    status: {
      ...(status?.phase === undefined ? {} : { phase: status.phase }),
      ...(status?.reason === undefined ? {} : { reason: status.reason }),
      ...(status?.message === undefined ? {} : { message: status.message }),
      ...(status?.conditions === undefined ? {} : { conditions: status.conditions }),
      ...(status?.containerStatuses === undefined
        ? {}
        : { containerStatuses: status.containerStatuses }),
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
