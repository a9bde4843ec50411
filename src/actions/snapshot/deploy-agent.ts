/**
 * @module `snapshot --deploy-agent`: runs this CLI as an agent Job on the cluster's nodes and brings
 * their snapshots to the output. Asks first whether the user may do everything the run needs and
 * creates nothing if not; creates least-privilege RBAC and the Job(s) (--all-nodes: one per node, at
 * most --parallel at once); waits on one pod watch, with progress; explains a failure (the agent's
 * last log lines) or a timeout (where it was stuck); copies results where the agents could not write
 * them; and removes what it created with --cleanup, also after a failure, a timeout or Ctrl-C, or
 * else says what it left and how to remove it.
 */
import {
  AGENT_LABEL,
  buildAgentManifests,
  clusterRoleName,
  isManagedByUs,
  refOf,
  type AgentDeployment,
  type AgentManifests,
  type AgentObject,
  type KubeObjectRef,
} from '../../core/snapshot/agent-manifests.js';
import {
  deployerAccessChecks,
  describeAccess,
  grantManifest,
} from '../../core/snapshot/agent-permissions.js';
import { planAgents, type PlannedAgent } from '../../core/snapshot/agent-plan.js';
import {
  agentState,
  describeState,
  diagnoseStuck,
  isFinished,
  summarizeStates,
  type AgentState,
} from '../../core/snapshot/agent-progress.js';
import type { KubePod } from '../../core/snapshot/kube-objects.js';
import { configMapUri } from '../../core/shared/config-map-location.js';
import { CnsError, isCnsError } from '../../core/shared/errors.js';
import { formatDuration } from '../../core/validate/format-duration.js';
import type { ActionDeps, AgentCluster } from '../ports.js';

/** What the deployment is made of (core's AgentDeployment), less what the action works out itself. */
export interface DeployAgentRequest extends Omit<
  AgentDeployment,
  'activeDeadlineSeconds' | 'toolVersion' | 'agents'
> {
  /** `-o`; undefined: `cm://<namespace>/cns-snapshot` (a ConfigMap per node with --all-nodes). */
  readonly output: string | undefined;
  readonly allNodes: boolean;
  /** --all-nodes: how many agents run at once. */
  readonly parallel: number;
  /** How long to wait for the agents, all of them. */
  readonly timeoutMs: number;
  readonly cleanup: boolean;
}

export type DeployAgentDeps = Pick<
  ActionDeps,
  | 'openAgentCluster'
  | 'documents'
  | 'timeouts'
  | 'reporter'
  | 'signal'
  | 'toolVersion'
  | 'deferInterrupts'
>;

export interface DeployAgentHooks {
  /** The agents' progress, each time it changes: one line. */
  readonly onProgress?: (line: string) => void;
}

export interface DeployAgentResult {
  /** Where each snapshot was written, by node (the node the agent ran on). */
  readonly snapshots: readonly { readonly node: string; readonly location: string }[];
}

/** The lines of an agent's log shown when it fails or is stuck. */
const LOG_LINES = 20;
/** How long cleanup may take, on its own clock: it also runs after Ctrl-C and timeouts. */
const CLEANUP_MS = 60_000;
/** How long the reads that explain a failure may take. */
const DIAGNOSIS_MS = 15_000;
/** The Job's own deadline runs this much past the CLI's, so the CLI sees where an agent was stuck. */
const DEADLINE_MARGIN_SECONDS = 30;
/** The pod label the Job controller gives each pod: its Job's uid. */
const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

export async function deployAgent(
  request: DeployAgentRequest,
  deps: DeployAgentDeps,
  hooks: DeployAgentHooks = {},
): Promise<DeployAgentResult> {
  const { signal, reporter } = deps;
  const cluster = await deps.openAgentCluster(signal);
  const nodes = request.allNodes
    ? await cluster.listNodeNames(request.nodeSelector, signal)
    : undefined;
  if (nodes?.length === 0) {
    throw new CnsError('NOT_FOUND', `${cluster.name}: no node matches ${selectorText(request)}`, {
      details: { nodeSelector: request.nodeSelector },
    });
  }
  const { agents, manifests } = planDeployment(request, nodes, deps.toolVersion);
  await preflight(cluster, request, agents, signal);

  const run = new AgentRun(cluster, request, deps, hooks);
  // From the first object created to the last removed, an interrupt aborts the run instead of
  // ending the process, so the cleanup below runs (and the process ends by the signal after it).
  return deps.deferInterrupts(async () => {
    let outcome: 'done' | 'failed' = 'failed';
    try {
      reporter.info(
        `deploying the agent to ${cluster.name}: namespace ${request.namespace}, ${agents.length === 1 ? 'one node' : `${agents.length} nodes`}`,
      );
      for (const object of [
        manifests.serviceAccount,
        manifests.role,
        manifests.roleBinding,
        manifests.clusterRole,
        manifests.clusterRoleBinding,
      ]) {
        await run.ensure(object, signal);
      }
      const snapshots = await run.wait(agents, manifests.jobs);
      outcome = 'done';
      return { snapshots };
    } finally {
      await run.finish(outcome);
    }
  });
}

/** The agents of a run and every object it creates (deploy/agent/ holds those of one command line). */
export function planDeployment(
  request: DeployAgentRequest,
  nodes: readonly string[] | undefined,
  toolVersion: string,
): { agents: PlannedAgent[]; manifests: AgentManifests } {
  const agents = planAgents({
    namespace: request.namespace,
    jobName: request.jobName,
    output: request.output,
    nodes,
    format: request.format,
  });
  const manifests = buildAgentManifests({
    ...request,
    activeDeadlineSeconds: Math.ceil(request.timeoutMs / 1000) + DEADLINE_MARGIN_SECONDS,
    toolVersion,
    agents,
  });
  return { agents, manifests };
}

async function preflight(
  cluster: AgentCluster,
  request: DeployAgentRequest,
  agents: readonly PlannedAgent[],
  signal: AbortSignal,
): Promise<void> {
  const checks = deployerAccessChecks({
    namespace: request.namespace,
    listsNodes: request.allNodes,
    cleansUp: request.cleanup,
    copiesResults: agents.some((a) => a.copied),
  });
  const refused = await cluster.refusedAccess(checks, signal);
  if (refused.length === 0) return;
  const user = (await cluster.whoAmI(signal)) ?? '<your user>';
  throw new CnsError(
    'FORBIDDEN',
    [
      `${cluster.name}: user "${user}" may not do ${refused.length} of the ${checks.length} things deploying the agent needs, so nothing was created. Missing:`,
      ...refused.map((check) => `  - ${describeAccess(check)}`),
      'A cluster admin can grant exactly these with:',
      `  kubectl apply -f - <<'EOF'`,
      ...grantManifest(refused, user)
        .split('\n')
        .map((line) => `  ${line}`),
      '  EOF',
    ].join('\n'),
    { details: { user, missing: refused.map(describeAccess) } },
  );
}

/** The state of one run: what it created, the agents in flight, and how to undo it. */
class AgentRun {
  /** Objects this run created or took over, in creation order. */
  private readonly owned: KubeObjectRef[] = [];
  /** Agents' ConfigMaps still to remove (copies not yet made, or made and not yet deleted). */
  private readonly copies = new Set<string>();
  private states = new Map<string, AgentState>();
  /** Whether an agent was started: before that, a failure leaves nothing worth inspecting. */
  private started = false;

  constructor(
    private readonly cluster: AgentCluster,
    private readonly request: DeployAgentRequest,
    private readonly deps: DeployAgentDeps,
    private readonly hooks: DeployAgentHooks,
  ) {}

  /** Creates `object`, or takes over a leftover of an earlier run of ours (never anyone else's). */
  async ensure(object: AgentObject, signal: AbortSignal): Promise<AgentObject> {
    const ref = refOf(object);
    try {
      const created = await this.cluster.create(object, signal);
      this.owned.push(ref);
      return created;
    } catch (error) {
      if (!(isCnsError(error) && error.details.reason === 'AlreadyExists')) throw error;
    }
    const existing = await this.cluster.read(ref, signal);
    if (existing && !isManagedByUs(existing)) {
      throw new CnsError(
        'CONFLICT',
        `${this.cluster.name}: ${describeRef(ref)} exists and was not created by cnsctl; choose another ${ref.kind === 'Job' ? '--job-name' : '--service-account-name'} or remove it`,
        { details: { object: describeRef(ref) } },
      );
    }
    if (ref.kind === 'Job') {
      if (existing && !jobFinished(existing)) {
        throw new CnsError(
          'CONFLICT',
          `${this.cluster.name}: ${describeRef(ref)} of an earlier run is still running; wait for it, choose another --job-name, or remove it (kubectl delete job -n ${this.request.namespace} ${ref.name})`,
          { details: { object: describeRef(ref) } },
        );
      }
      // A finished Job of an earlier run: replaced by a new one (Jobs cannot be updated).
      await this.cluster.delete(ref, signal);
      await this.cluster.deletePods(
        this.request.namespace,
        `batch.kubernetes.io/job-name=${ref.name}`,
        signal,
      );
      const created = await this.cluster.create(object, signal);
      this.owned.push(ref);
      return created;
    }
    if (!existing) return this.ensure(object, signal);
    const resourceVersion = existing.metadata.resourceVersion;
    await this.cluster.replace(
      {
        ...object,
        metadata: { ...object.metadata, ...(resourceVersion ? { resourceVersion } : {}) },
      },
      signal,
    );
    this.owned.push(ref);
    return object;
  }

  /** Starts the agents (at most --parallel at once) and waits for every one of them. */
  async wait(
    agents: readonly PlannedAgent[],
    jobs: readonly AgentObject[],
  ): Promise<{ node: string; location: string }[]> {
    const { request, cluster, deps } = this;
    const timeout = deps.timeouts.signal(request.timeoutMs);
    const signal = AbortSignal.any([deps.signal, timeout]);
    const queue = agents.map((agent, index) => ({ agent, job: jobs[index] as AgentObject }));
    const active = new Map<string, { agent: PlannedAgent; uid: string | undefined }>();
    const failures: { agent: PlannedAgent; state: AgentState }[] = [];
    const written: { node: string; location: string }[] = [];
    let lastLine = '';
    deps.reporter.info(
      `waiting for ${agents.length === 1 ? `Job ${request.jobName}` : `${agents.length} Jobs`} (timeout ${formatDuration(request.timeoutMs * 1e6)})`,
    );
    try {
      const pods = cluster.watchPods(
        { namespace: request.namespace, labelSelector: `${AGENT_LABEL}=${request.jobName}` },
        signal,
      );
      for await (const { pods: current } of pods) {
        for (const [jobName, { agent, uid }] of active) {
          const state = agentState(podOf(current, jobName, uid));
          if (!isFinished(state)) continue;
          active.delete(jobName);
          if (state.stage === 'succeeded') {
            written.push(await this.collect(agent, state, signal));
          } else {
            failures.push({ agent, state });
            await this.reportFailure(agent, state);
          }
        }
        while (active.size < request.parallel && queue.length > 0) {
          const next = queue.shift() as { agent: PlannedAgent; job: AgentObject };
          if (next.agent.copied) this.copies.add(next.agent.configMap);
          const created = await this.ensure(next.job, signal);
          this.started = true;
          active.set(next.agent.jobName, { agent: next.agent, uid: created.metadata.uid });
        }
        this.states = new Map(
          [...active].map(([jobName, { uid }]) => [
            jobName,
            agentState(podOf(current, jobName, uid)),
          ]),
        );
        const line = this.progressLine(
          agents.length,
          written.length,
          failures.length,
          queue.length,
        );
        if (line !== lastLine) this.hooks.onProgress?.(line);
        lastLine = line;
        if (active.size === 0 && queue.length === 0) break;
      }
    } catch (error) {
      if (timeout.aborted && !deps.signal.aborted) {
        throw await this.timedOut(active, queue.length, written.length);
      }
      throw error;
    }
    if (failures.length > 0) {
      const first = failures[0] as { agent: PlannedAgent; state: AgentState };
      throw new CnsError(
        'UNAVAILABLE',
        failures.length === 1 && agents.length === 1
          ? `${cluster.name}: the agent ${describeState(first.state)} (its last log lines are above)`
          : `${cluster.name}: ${failures.length} of ${agents.length} agents failed (their last log lines are above); the other snapshots were written`,
        { details: { failed: failures.map((f) => f.agent.nodeName ?? f.state.node) } },
      );
    }
    return written;
  }

  /** Brings one agent's snapshot to its destination. */
  private async collect(
    agent: PlannedAgent,
    state: AgentState,
    signal: AbortSignal,
  ): Promise<{ node: string; location: string }> {
    const { documents, reporter } = this.deps;
    const node = agent.nodeName ?? state.node ?? '';
    if (agent.copied) {
      const staged = configMapUri({ namespace: this.request.namespace, name: agent.configMap });
      const text = await documents.read(staged, signal);
      await documents.write(agent.destination, text, signal);
      await this.cluster.delete(this.configMapRef(agent.configMap), signal);
      this.copies.delete(agent.configMap);
    }
    if (agent.destination !== '-')
      reporter.info(`snapshot of ${node} saved to ${agent.destination}`);
    return { node, location: agent.destination };
  }

  private async reportFailure(agent: PlannedAgent, state: AgentState): Promise<void> {
    const { reporter } = this.deps;
    const who = agent.nodeName ?? state.node ?? agent.jobName;
    reporter.warn(`agent ${describeState(state)}${state.node ? '' : ` (${who})`}`);
    const log = await this.lastLog(state);
    if (log) reporter.warn(`last log lines of ${state.podName ?? agent.jobName}:\n${indent(log)}`);
  }

  private async lastLog(state: AgentState): Promise<string | undefined> {
    if (!state.podName || !state.node) return undefined;
    const signal = AbortSignal.any([this.deps.signal, this.deps.timeouts.signal(DIAGNOSIS_MS)]);
    try {
      const log = await this.cluster.readPodLog(
        { namespace: this.request.namespace, name: state.podName, tailLines: LOG_LINES },
        signal,
      );
      return log.trimEnd() || undefined;
    } catch (error) {
      return `(the log cannot be read: ${error instanceof Error ? error.message : String(error)})`;
    }
  }

  /** The TIMEOUT error: where each unfinished agent was stuck. */
  private async timedOut(
    active: ReadonlyMap<string, { agent: PlannedAgent }>,
    queued: number,
    done: number,
  ): Promise<CnsError> {
    const { request, cluster } = this;
    const stuck = [...active.keys()].map((jobName) => ({
      jobName,
      state: this.states.get(jobName) ?? agentState(undefined),
    }));
    const first = stuck[0];
    const signal = AbortSignal.any([this.deps.signal, this.deps.timeouts.signal(DIAGNOSIS_MS)]);
    const events =
      first && !first.state.podName
        ? await cluster.listEvents(request.namespace, first.jobName, signal).catch(() => [])
        : [];
    const why = first
      ? diagnoseStuck(first.state, { image: request.image, jobEvents: events })
      : 'no agent was started';
    if (first?.state.stage === 'running') {
      const log = await this.lastLog(first.state);
      if (log) this.deps.reporter.warn(`last log lines of ${first.state.podName}:\n${indent(log)}`);
    }
    const within = formatDuration(request.timeoutMs * 1e6);
    const message =
      stuck.length + queued + done === 1
        ? `${cluster.name}: the agent did not finish within ${within}: ${why}`
        : `${cluster.name}: ${stuck.length + queued} of ${stuck.length + queued + done} agents did not finish within ${within} (${queued} not started); the first: ${why}`;
    return new CnsError('TIMEOUT', message, {
      details: { stuck: stuck.map((s) => ({ job: s.jobName, stage: s.state.stage })) },
    });
  }

  private progressLine(total: number, done: number, failed: number, queued: number): string {
    const states = [...this.states.values()];
    if (total === 1) {
      const state = states[0];
      return state ? `agent: ${describeState(state)}` : 'agent: done';
    }
    const waiting: AgentState[] = Array.from({ length: queued }, () => ({ stage: 'waiting' }));
    const finished: AgentState[] = [
      ...Array.from({ length: done }, (): AgentState => ({ stage: 'succeeded' })),
      ...Array.from({ length: failed }, (): AgentState => ({ stage: 'failed' })),
    ];
    return `agents: ${summarizeStates([
      ...finished,
      ...states.filter((s) => !isFinished(s)),
      ...waiting,
    ])}`;
  }

  /**
   * Removes what the run created (--cleanup, or a setup that failed before any agent started), or
   * says what it left; copies are always removed.
   */
  async finish(outcome: 'done' | 'failed'): Promise<void> {
    const { request, cluster, deps } = this;
    // Cleanup has its own deadline: the run's signal may be the reason we are here (Ctrl-C).
    const signal = deps.timeouts.signal(CLEANUP_MS);
    const left: string[] = [];
    for (const name of this.copies) {
      await cluster
        .delete(this.configMapRef(name), signal)
        .catch(() => left.push(`configmap/${name}`));
    }
    if (this.owned.length === 0) return;
    // Without --cleanup the objects stay for inspection, but only once an agent ran: RBAC left by a
    // setup that failed half-way is of no use to anyone.
    if (!request.cleanup && this.started) {
      deps.reporter.info(
        `left in ${cluster.name} for inspection (${this.owned.map(describeRef).join(', ')}${left.length ? `, ${left.join(', ')}` : ''}); remove them with: ${removalCommand(request)}`,
      );
      return;
    }
    const failed: string[] = [...left];
    for (const ref of [...this.owned].reverse()) {
      await cluster.delete(ref, signal).catch(() => failed.push(describeRef(ref)));
    }
    const selector = `${AGENT_LABEL}=${request.jobName}`;
    try {
      // Without a garbage collector's help (or before it acts), the pods go explicitly, and the
      // run ends only when they are gone: a pod still terminating is still there.
      await cluster.deletePods(request.namespace, selector, signal);
      for await (const { pods } of cluster.watchPods(
        { namespace: request.namespace, labelSelector: selector },
        signal,
      )) {
        if (pods.size === 0) break;
      }
    } catch {
      failed.push(`pods -l ${selector}`);
    }
    if (failed.length > 0) {
      deps.reporter.warn(
        `cleanup could not remove ${failed.join(', ')} from ${cluster.name}; remove them with: ${removalCommand(request)}`,
      );
    } else {
      deps.reporter.info(
        `removed the agent's ${outcome === 'done' ? 'Job and RBAC' : 'Job, pods and RBAC after the failure'} from ${cluster.name}`,
      );
    }
  }

  private configMapRef(name: string): KubeObjectRef {
    return { apiVersion: 'v1', kind: 'ConfigMap', name, namespace: this.request.namespace };
  }
}

/** The pod of the Job `jobName`: the one the Job controller labelled with the Job's uid. */
function podOf(
  pods: ReadonlyMap<string, KubePod>,
  jobName: string,
  uid: string | undefined,
): KubePod | undefined {
  let found: KubePod | undefined;
  for (const pod of pods.values()) {
    const labels = pod.metadata?.labels ?? {};
    const ours = uid
      ? labels[CONTROLLER_UID_LABEL] === uid
      : labels['batch.kubernetes.io/job-name'] === jobName;
    // With backoffLimit 0 there is one pod; a replacement (after an eviction) is the newer one.
    if (ours && (!found || !isFinished(agentState(pod)))) found = pod;
  }
  return found;
}

function jobFinished(job: AgentObject): boolean {
  const conditions = (job.status as { conditions?: { type: string; status: string }[] } | undefined)
    ?.conditions;
  return (conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

/** `job/cns-agent`, `clusterrole/cnsctl:gpu-operator:cns-agent`. */
function describeRef(ref: KubeObjectRef): string {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}

/** The kubectl commands that remove everything one deployment created, by its label. */
export function removalCommand(
  request: Pick<DeployAgentRequest, 'namespace' | 'jobName' | 'serviceAccountName'>,
): string {
  const selector = `${AGENT_LABEL}=${request.jobName}`;
  return [
    `kubectl delete -n ${request.namespace} job,pod,serviceaccount,role,rolebinding -l ${selector}`,
    `kubectl delete clusterrole,clusterrolebinding ${clusterRoleName(request.namespace, request.serviceAccountName)}`,
  ].join(' && ');
}

function selectorText(request: DeployAgentRequest): string {
  const pairs = Object.entries(request.nodeSelector).map(([k, v]) => `${k}=${v}`);
  return pairs.length > 0 ? `--node-selector ${pairs.join(',')}` : 'the cluster (it has no nodes)';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  | ${line}`)
    .join('\n');
}
