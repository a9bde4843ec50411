/**
 * A cluster's moving parts for a real kube-apiserver that has none: Node objects backed by fixture
 * hosts, and the scheduler, the kubelet and the Job controller for one namespace. It watches what
 * the CLI creates and answers as those controllers would, through the same API: the Job controller
 * makes the pod (labels, owner reference) and writes Job status (SuccessCriteriaMet before Complete,
 * FailureTarget before Failed, as v1.34 checks); the scheduler binds the pod or marks it
 * Unschedulable with its message; the kubelet runs our agent entry point in the pod's environment
 * against the node's fixture host, writes pod status and serves its log. A pod can also be made to
 * fail, hang or never pull its image. The CLI under test cannot tell it from a cluster.
 */
import * as k8s from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { clients, type Clients } from '../cluster-access.js';
import { startKubeletServer, type KubeletServer } from './kubelet-server.js';
import { runAgentContainer } from './run-agent.js';
import { fitPod } from './scheduler-fit.js';

export interface HarnessNode {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly k8s.V1Taint[];
  /** The fixture host (test/fixtures/hosts/<name>) the node is. */
  readonly host: string;
  readonly gpus?: number;
}

/**
 * What the kubelet does with an agent pod: run it; give it a token the API server refuses (the
 * agent then fails as it would); run it forever; fail to pull its image; or kill it (OOMKilled).
 */
export type AgentBehaviour = 'run' | 'bad-token' | 'hang' | 'image-pull-error' | 'oom';

export interface HarnessOptions {
  readonly namespace: string;
  readonly nodes: readonly HarnessNode[];
  readonly behaviour?: (pod: k8s.V1Pod) => AgentBehaviour;
}

export interface Harness {
  /** Pods the kubelet started, by name, with their node. */
  readonly started: Map<string, string>;
  /** The most agent containers that ran at the same time. */
  readonly maxRunning: () => number;
  /** How long each agent container ran (its own collection), in seconds, by pod name. */
  readonly containerSeconds: Map<string, number>;
  /** Logs of the containers run so far, by pod name. */
  readonly logs: Map<string, string>;
  stop(): Promise<void>;
}

const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const api = clients('admin');
  const { namespace } = options;
  const behaviour = options.behaviour ?? (() => 'run');
  const hosts = new Map(options.nodes.map((n) => [n.name, n.host]));
  const logs = new Map<string, string>();
  const started = new Map<string, string>();
  const containerSeconds = new Map<string, number>();
  const running = new Map<string, AbortController>();
  const handledJobs = new Set<string>();
  const accounted = new Set<string>();
  const scheduled = new Set<string>();
  const kubelet = await startKubeletServer((ns, pod) =>
    ns === namespace ? logs.get(pod) : undefined,
  );
  const nodes = await createNodes(api, options.nodes, kubelet);
  const tasks = new Set<Promise<unknown>>();
  const track = (task: Promise<unknown>): void => {
    const guarded = task.catch((error: unknown) => {
      if (!stopping)
        process.stderr.write(
          `harness: ${error instanceof Error ? error.message : String(error)}\n`,
        );
    });
    tasks.add(guarded);
    void guarded.finally(() => tasks.delete(guarded));
  };
  // One queue per object: a controller handles an object's events in order.
  const queues = new Map<string, Promise<unknown>>();
  const serially = (key: string, work: () => Promise<unknown>): void => {
    const next = (queues.get(key) ?? Promise.resolve()).then(work, work);
    queues.set(key, next);
    track(next);
  };
  let stopping = false;
  let maxRunning = 0;

  const onPod = (pod: k8s.V1Pod): void => {
    const name = pod.metadata?.name ?? '';
    serially(`pod/${name}`, async () => {
      if (stopping) return;
      if (pod.metadata?.deletionTimestamp) {
        // The kubelet stops the container, then confirms the deletion.
        running.get(name)?.abort();
        if (pod.spec?.nodeName) {
          await api.core
            .deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 })
            .catch(ignoreNotFound);
        }
        return;
      }
      const node = pod.spec?.nodeName;
      if (!node) {
        if (scheduled.has(name)) return;
        scheduled.add(name);
        await schedule(api, pod, nodes);
        return;
      }
      if (hosts.has(node) && !started.has(name)) {
        started.set(name, node);
        track(runPod(pod, node));
      }
      await accountForPod(pod);
    });
  };

  /** The kubelet's work for one pod: start its container, report it, run it to its end. */
  const runPod = async (pod: k8s.V1Pod, node: string): Promise<void> => {
    const name = pod.metadata?.name ?? '';
    const container = pod.spec?.containers[0];
    const how = behaviour(pod);
    const image = container?.image ?? '';
    const base = { name: container?.name ?? 'agent', image, imageID: '', restartCount: 0 };
    await setPodStatus(api, namespace, name, {
      phase: 'Pending',
      hostIP: '127.0.0.1',
      containerStatuses: [
        {
          ...base,
          ready: false,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    });
    if (how === 'image-pull-error') {
      await setPodStatus(api, namespace, name, {
        phase: 'Pending',
        containerStatuses: [
          {
            ...base,
            ready: false,
            started: false,
            state: {
              waiting: {
                reason: 'ImagePullBackOff',
                message: `Back-off pulling image "${image}": ErrImagePull: failed to pull and unpack image "${image}": not found`,
              },
            },
          },
        ],
      });
      return;
    }
    const startedAt = new Date();
    await setPodStatus(api, namespace, name, {
      phase: 'Running',
      podIP: `10.244.0.${(started.size % 250) + 2}`,
      startTime: startedAt,
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
      containerStatuses: [
        { ...base, ready: true, started: true, state: { running: { startedAt } } },
      ],
    });
    // Anything but our agent (a daemon of the node) just runs.
    if (container?.command?.[0] !== 'cnsctl') return;
    const stop = new AbortController();
    running.set(name, stop);
    maxRunning = Math.max(maxRunning, running.size);
    const append = (text: string): void => {
      logs.set(name, (logs.get(name) ?? '') + text);
    };
    let exitCode: number;
    let reason: string;
    if (how === 'hang') {
      append('collecting…\n');
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve()));
      return;
    }
    if (how === 'oom') {
      append('collecting…\n');
      exitCode = 137;
      reason = 'OOMKilled';
    } else {
      const token = how === 'bad-token' ? 'not-a-token' : await serviceAccountToken(api, pod);
      const began = process.hrtime.bigint();
      const run = await runAgentContainer({
        pod,
        host: hosts.get(node) ?? '',
        token,
        onLog: append,
        signal: stop.signal,
      });
      containerSeconds.set(name, Number(process.hrtime.bigint() - began) / 1e9);
      exitCode = run.exitCode;
      reason = exitCode === 0 ? 'Completed' : 'Error';
    }
    running.delete(name);
    if (stop.signal.aborted || stopping) return;
    await setPodStatus(api, namespace, name, {
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
        { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      ],
      containerStatuses: [
        {
          ...base,
          ready: false,
          started: false,
          state: { terminated: { exitCode, reason, startedAt, finishedAt: new Date() } },
        },
      ],
    });
  };

  /** The Job controller's part for a finished pod: the Job's status, in the order v1.34 checks. */
  const accountForPod = async (pod: k8s.V1Pod): Promise<void> => {
    const jobName = pod.metadata?.labels?.[JOB_NAME_LABEL];
    const phase = pod.status?.phase;
    const uid = pod.metadata?.uid ?? '';
    if (!jobName || (phase !== 'Succeeded' && phase !== 'Failed') || accounted.has(uid)) return;
    accounted.add(uid);
    const now = new Date();
    const condition = (type: string, reason: string, message: string): k8s.V1JobCondition => ({
      type,
      status: 'True',
      reason,
      message,
      lastProbeTime: now,
      lastTransitionTime: now,
    });
    const [first, final] =
      phase === 'Succeeded'
        ? [
            condition(
              'SuccessCriteriaMet',
              'CompletionsReached',
              'Reached expected number of succeeded pods',
            ),
            condition(
              'Complete',
              'CompletionsReached',
              'Reached expected number of succeeded pods',
            ),
          ]
        : [
            condition(
              'FailureTarget',
              'BackoffLimitExceeded',
              'Job has reached the specified backoff limit',
            ),
            condition(
              'Failed',
              'BackoffLimitExceeded',
              'Job has reached the specified backoff limit',
            ),
          ];
    const counts =
      phase === 'Succeeded' ? { succeeded: 1, failed: 0 } : { succeeded: 0, failed: 1 };
    await setJobStatus(api, namespace, jobName, (status) => ({
      ...status,
      active: 0,
      ready: 0,
      ...counts,
      conditions: [...(status.conditions ?? []), first],
    }));
    await setJobStatus(api, namespace, jobName, (status) => ({
      ...status,
      ...(phase === 'Succeeded' ? { completionTime: now } : {}),
      conditions: [...(status.conditions ?? []), final],
    }));
  };

  /** The Job controller's part for a new Job: its pod, then `active`. */
  const onJob = (job: k8s.V1Job): void => {
    const uid = job.metadata?.uid ?? '';
    if (handledJobs.has(uid) || job.metadata?.deletionTimestamp || job.status?.startTime) return;
    handledJobs.add(uid);
    serially(`job/${job.metadata?.name ?? ''}`, async () => {
      if (stopping) return;
      const jobName = job.metadata?.name ?? '';
      const template = job.spec?.template;
      const labels = {
        ...template?.metadata?.labels,
        [CONTROLLER_UID_LABEL]: uid,
        [JOB_NAME_LABEL]: jobName,
        'controller-uid': uid,
        'job-name': jobName,
      };
      const podName = `${jobName}-${randomBytes(3).toString('hex').slice(0, 5)}`;
      try {
        await api.core.createNamespacedPod({
          namespace,
          body: {
            metadata: {
              name: podName,
              namespace,
              labels,
              ownerReferences: [
                {
                  apiVersion: 'batch/v1',
                  kind: 'Job',
                  name: jobName,
                  uid,
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            spec: template?.spec,
          },
        });
      } catch (error) {
        await failedCreate(api, job, error);
        return;
      }
      await setJobStatus(api, namespace, jobName, (status) => ({
        ...status,
        startTime: new Date(),
        active: 1,
        ready: 0,
      }));
    });
  };

  const podInformer = informer(api.config, `/api/v1/namespaces/${namespace}/pods`, () =>
    api.core.listNamespacedPod({ namespace }),
  );
  podInformer.on('add', onPod);
  podInformer.on('update', onPod);
  const jobInformer = informer(api.config, `/apis/batch/v1/namespaces/${namespace}/jobs`, () =>
    api.batch.listNamespacedJob({ namespace }),
  );
  jobInformer.on('add', onJob);
  await Promise.all([podInformer.start(), jobInformer.start()]);

  return {
    started,
    maxRunning: () => maxRunning,
    containerSeconds,
    logs,
    async stop() {
      stopping = true;
      await Promise.all([podInformer.stop(), jobInformer.stop()]);
      for (const controller of running.values()) controller.abort();
      await Promise.all([...tasks]);
      await kubelet.close();
      await Promise.all(
        options.nodes.map((n) => api.core.deleteNode({ name: n.name }).catch(ignoreNotFound)),
      );
    },
  };
}

/** An informer that keeps going: the harness must outlive a dropped watch. */
function informer<T extends k8s.KubernetesObject>(
  config: k8s.KubeConfig,
  path: string,
  list: () => Promise<k8s.KubernetesListObject<T>>,
): k8s.Informer<T> {
  const created = k8s.makeInformer(config, path, list);
  let stopped = false;
  created.on('error', () => {
    if (!stopped) setTimeout(() => void created.start().catch(() => undefined), 200);
  });
  const stop = created.stop.bind(created);
  created.stop = async () => {
    stopped = true;
    await stop();
  };
  return created;
}

async function createNodes(
  api: Clients,
  nodes: readonly HarnessNode[],
  kubelet: KubeletServer,
): Promise<k8s.V1Node[]> {
  return Promise.all(
    nodes.map(async (node) => {
      const gpus = String(node.gpus ?? 8);
      const created = await api.core.createNode({
        body: {
          metadata: {
            name: node.name,
            labels: {
              'kubernetes.io/hostname': node.name,
              'kubernetes.io/os': 'linux',
              'kubernetes.io/arch': 'amd64',
              ...node.labels,
            },
          },
          spec: {
            providerID: `kind://docker/cns-test/${node.name}`,
            ...(node.taints ? { taints: [...node.taints] } : {}),
          },
        },
      });
      const now = new Date();
      const ready = await api.core.replaceNodeStatus({
        name: node.name,
        body: {
          ...created,
          status: {
            addresses: [
              { type: 'InternalIP', address: '127.0.0.1' },
              { type: 'Hostname', address: node.name },
            ],
            daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } },
            capacity: { cpu: '96', memory: '2Ti', pods: '110', 'nvidia.com/gpu': gpus },
            allocatable: { cpu: '95', memory: '2000Gi', pods: '110', 'nvidia.com/gpu': gpus },
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'KubeletReady',
                message: 'kubelet is posting ready status',
                lastHeartbeatTime: now,
                lastTransitionTime: now,
              },
            ],
            nodeInfo: {
              architecture: 'amd64',
              bootID: '',
              containerRuntimeVersion: 'containerd://1.7.27',
              kernelVersion: '6.8.0-1043-aws',
              kubeProxyVersion: '',
              kubeletVersion: 'v1.34.2',
              machineID: '',
              operatingSystem: 'linux',
              osImage: 'Ubuntu 24.04.3 LTS',
              systemUUID: '',
            },
          },
        },
      });
      // The node lifecycle controller's part: a Ready node loses the not-ready taint that
      // admission put on it at creation.
      return api.core.replaceNode({
        name: node.name,
        body: {
          ...ready,
          spec: {
            ...ready.spec,
            taints: (ready.spec?.taints ?? []).filter(
              (t) => t.key !== 'node.kubernetes.io/not-ready',
            ),
          },
        },
      });
    }),
  );
}

/** The scheduler's part: bind the pod to the first node it fits, or say why none fits. */
async function schedule(api: Clients, pod: k8s.V1Pod, nodes: readonly k8s.V1Node[]): Promise<void> {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const fit = fitPod(pod, nodes);
  if (fit.node) {
    await api.core.createNamespacedPodBinding({
      namespace,
      name,
      body: { metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: fit.node } },
    });
    return;
  }
  await setPodStatus(api, namespace, name, {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: fit.unschedulable ?? '',
        lastTransitionTime: new Date(),
      },
    ],
  });
}

/** The Job controller's FailedCreate event, when the API server refuses the pod. */
async function failedCreate(api: Clients, job: k8s.V1Job, error: unknown): Promise<void> {
  const body = (error as { body?: unknown }).body;
  const message =
    typeof body === 'string'
      ? ((JSON.parse(body) as { message?: string }).message ?? body)
      : String(error);
  const now = new Date();
  const namespace = job.metadata?.namespace ?? '';
  await api.core.createNamespacedEvent({
    namespace,
    body: {
      metadata: {
        name: `${job.metadata?.name ?? 'job'}.${randomBytes(8).toString('hex')}`,
        namespace,
      },
      involvedObject: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: job.metadata?.name ?? '',
        namespace,
        uid: job.metadata?.uid ?? '',
      },
      reason: 'FailedCreate',
      message: `Error creating: ${message}`,
      type: 'Warning',
      source: { component: 'job-controller' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    },
  });
}

/** A real token for the pod's service account, bound to the pod, as the kubelet requests it. */
async function serviceAccountToken(api: Clients, pod: k8s.V1Pod): Promise<string> {
  const request = await api.core.createNamespacedServiceAccountToken({
    namespace: pod.metadata?.namespace ?? '',
    name: pod.spec?.serviceAccountName ?? 'default',
    body: {
      spec: {
        audiences: [],
        expirationSeconds: 3600,
        boundObjectRef: {
          apiVersion: 'v1',
          kind: 'Pod',
          name: pod.metadata?.name ?? '',
          uid: pod.metadata?.uid ?? '',
        },
      },
    },
  });
  return request.status?.token ?? '';
}

/** Writes pod status (read, change, replace; again on a conflict). */
async function setPodStatus(
  api: Clients,
  namespace: string,
  name: string,
  status: k8s.V1PodStatus,
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const pod = await api.core.readNamespacedPodStatus({ namespace, name }).catch(ignoreNotFound);
    if (!pod || pod.metadata?.deletionTimestamp) return;
    pod.status = { ...pod.status, ...status };
    try {
      await api.core.replaceNamespacedPodStatus({ namespace, name, body: pod });
      return;
    } catch (error) {
      if ((error as { code?: number }).code !== 409) return ignoreNotFound(error);
    }
  }
}

async function setJobStatus(
  api: Clients,
  namespace: string,
  name: string,
  change: (status: k8s.V1JobStatus) => k8s.V1JobStatus,
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const job = await api.batch.readNamespacedJobStatus({ namespace, name }).catch(ignoreNotFound);
    if (!job) return;
    job.status = change(job.status ?? {});
    try {
      await api.batch.replaceNamespacedJobStatus({ namespace, name, body: job });
      return;
    } catch (error) {
      if ((error as { code?: number }).code !== 409) return ignoreNotFound(error);
    }
  }
}

function ignoreNotFound(error: unknown): undefined {
  if ((error as { code?: number }).code === 404) return undefined;
  throw error;
}
