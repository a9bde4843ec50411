/**
 * @module Where an agent pod is, read from its status as the scheduler, the kubelet and the Job
 * controller write it: the stage shown as progress, and the sentence that explains a run that ran
 * out of time (unschedulable with the scheduler's reason, an image that cannot be pulled, still
 * running).
 */
import type { KubeCondition, KubeEvent, KubePod } from './kube-objects.js';

export type AgentStage =
  | 'waiting'
  | 'unschedulable'
  | 'starting'
  | 'start-failed'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'terminating';

export interface AgentState {
  readonly stage: AgentStage;
  readonly podName?: string;
  readonly node?: string;
  /** The status's own words: the scheduler's message, a waiting reason, an exit code. */
  readonly detail?: string;
}

/** Reasons a kubelet gives for a container that will not start until something changes. */
const START_FAILURES = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/** The state of the agent whose pod is `pod` (undefined: the Job has made none yet). */
export function agentState(pod: KubePod | undefined): AgentState {
  if (!pod) return { stage: 'waiting' };
  const podName = pod.metadata?.name;
  const node = pod.spec?.nodeName;
  const at = { ...(podName ? { podName } : {}), ...(node ? { node } : {}) };
  const container = pod.status?.containerStatuses?.[0]?.state;
  if (pod.metadata?.deletionTimestamp) return { stage: 'terminating', ...at };
  switch (pod.status?.phase) {
    case 'Succeeded':
      return { stage: 'succeeded', ...at };
    case 'Failed': {
      const terminated = container?.terminated;
      const detail = terminated
        ? joinParts([
            `exit code ${terminated.exitCode}`,
            terminated.reason && `(${terminated.reason})`,
            terminated.message,
          ])
        : joinParts([pod.status.reason, pod.status.message]);
      return { stage: 'failed', ...at, ...(detail ? { detail } : {}) };
    }
    case 'Running':
      return { stage: 'running', ...at };
    default:
      break;
  }
  if (!node) {
    const scheduled = condition(pod.status?.conditions, 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      return {
        stage: 'unschedulable',
        ...at,
        ...(scheduled.message ? { detail: scheduled.message } : {}),
      };
    }
    return { stage: 'waiting', ...at };
  }
  const waiting = container?.waiting;
  if (waiting?.reason && START_FAILURES.has(waiting.reason)) {
    return { stage: 'start-failed', ...at, detail: joinParts([waiting.reason, waiting.message]) };
  }
  return { stage: 'starting', ...at };
}

/** Whether the agent has ended, one way or the other. */
export function isFinished(state: AgentState): boolean {
  return state.stage === 'succeeded' || state.stage === 'failed';
}

/** One line of progress: what the agent is doing now. */
export function describeState(state: AgentState): string {
  const on = state.node ? ` on ${state.node}` : '';
  switch (state.stage) {
    case 'waiting':
      return state.podName ? 'waiting to be scheduled' : 'waiting for the Job to create its pod';
    case 'unschedulable':
      return `unschedulable: ${state.detail ?? 'no node fits'}`;
    case 'starting':
      return `scheduled${on}, pulling the image and starting`;
    case 'start-failed':
      return `cannot start${on}: ${state.detail ?? 'the container does not start'}`;
    case 'running':
      return `running${on}`;
    case 'succeeded':
      return `completed${on}`;
    case 'failed':
      return `failed${on}: ${state.detail ?? 'the pod failed'}`;
    case 'terminating':
      return `terminating${on}`;
  }
}

export interface StuckContext {
  readonly image: string;
  /** Events about the Job (the Job controller's FailedCreate says why it made no pod). */
  readonly jobEvents: readonly KubeEvent[];
}

/** Why an agent did not finish in time, and what to check: the sentence a timeout error ends with. */
export function diagnoseStuck(state: AgentState, context: StuckContext): string {
  const on = state.node ? ` on ${state.node}` : '';
  switch (state.stage) {
    case 'waiting': {
      if (state.podName) return 'its pod was never scheduled (is a scheduler running?)';
      const refused = [...context.jobEvents].reverse().find((e) => e.reason === 'FailedCreate');
      return refused?.message
        ? `the Job could not create its pod: ${refused.message}`
        : 'the Job created no pod (is the Job controller running? see kubectl describe job)';
    }
    case 'unschedulable':
      return `no node can run it: ${state.detail ?? 'unschedulable'}; check --node-selector and --toleration against the nodes' labels and taints`;
    case 'start-failed':
      return `its container cannot start${on}: ${state.detail ?? ''}; check --image ${context.image} and --image-pull-secret`;
    case 'starting':
      return `its container was still starting${on} (pulling ${context.image}?)`;
    case 'running':
      return `the agent was still running${on}`;
    case 'terminating':
      return `its pod was being deleted${on}`;
    case 'succeeded':
    case 'failed':
      return describeState(state);
  }
}

/** Counts of agents by stage, for the progress line of many agents. */
export function summarizeStates(states: readonly AgentState[]): string {
  const count = (stages: readonly AgentStage[]) =>
    states.filter((s) => stages.includes(s.stage)).length;
  const parts = [
    [count(['succeeded']), 'done'],
    [count(['failed']), 'failed'],
    [count(['running']), 'running'],
    [count(['starting']), 'starting'],
    [count(['waiting', 'unschedulable', 'start-failed', 'terminating']), 'waiting'],
  ] as const;
  return `${parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ')} (of ${states.length})`;
}

function condition(
  conditions: readonly KubeCondition[] | undefined,
  type: string,
): KubeCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

function joinParts(parts: readonly (string | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
}
