/**
 * @module The Kubernetes objects of `snapshot --deploy-agent`, built as plain API objects: a
 * ServiceAccount; a Role for the ConfigMaps the agents write; a ClusterRole that reads nodes, pods
 * and ClusterPolicies; their bindings; one Job per agent. deploy/agent/ holds the same objects for
 * GitOps users (a test keeps them equal to what this builds).
 */
import { labelValue, MANAGED_BY, MANAGED_BY_LABEL, VERSION_LABEL } from '../shared/kube-labels.js';

/** The label every object of an agent deployment carries, whose value is its Job name. */
export const AGENT_LABEL = 'cns.nvidia.com/agent';
/** Annotation of a per-node Job: the node it describes. */
export const NODE_ANNOTATION = 'cns.nvidia.com/node';
/** Where the host's `/` is mounted in a privileged agent, and so its `--host-root`. */
export const HOST_ROOT_MOUNT = '/host';
/** The agent container's name (logs are read from it). */
export const AGENT_CONTAINER = 'agent';
/** The user a restricted agent runs as (distroless's nonroot). */
const NON_ROOT_USER = 65532;
/** How long a finished Job stays for inspection before the cluster removes it. */
export const JOB_TTL_SECONDS = 3600;

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly resourceVersion?: string;
  readonly uid?: string;
}

/** An object as the API takes and returns it; the fields beyond metadata depend on its kind. */
export interface AgentObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

/** Names one object: its kind (and API version), and its name in its namespace (none: cluster-scoped). */
export interface KubeObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface Toleration {
  readonly key?: string;
  readonly operator: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** One agent: its Job, the node it must run on (--all-nodes) and the ConfigMap it writes. */
export interface AgentSpec {
  readonly jobName: string;
  readonly nodeName?: string;
  readonly configMap: string;
}

export interface AgentDeployment {
  readonly namespace: string;
  readonly image: string;
  /** The deployment's name: the Job's (one agent) or the prefix of the per-node Jobs. */
  readonly jobName: string;
  readonly serviceAccountName: string;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
  readonly imagePullSecrets: readonly string[];
  /** Host root, host PID and a privileged container; false: Pod Security "restricted". */
  readonly privileged: boolean;
  /** The Job's own deadline: the cluster stops an agent that outlives it. */
  readonly activeDeadlineSeconds: number;
  readonly format: 'yaml' | 'json';
  /** More `cnsctl snapshot` flags for the agents (--systemd-units, --all-properties, …). */
  readonly agentArgs: readonly string[];
  readonly toolVersion: string;
  readonly agents: readonly AgentSpec[];
}

export interface AgentManifests {
  readonly serviceAccount: AgentObject;
  readonly role: AgentObject;
  readonly roleBinding: AgentObject;
  readonly clusterRole: AgentObject;
  readonly clusterRoleBinding: AgentObject;
  readonly jobs: readonly AgentObject[];
}

/** Every object of a deployment, built from its description. */
export function buildAgentManifests(deployment: AgentDeployment): AgentManifests {
  const { namespace, serviceAccountName } = deployment;
  const labels = agentLabels(deployment);
  const clusterName = clusterRoleName(namespace, serviceAccountName);
  const subjects = [{ kind: 'ServiceAccount', name: serviceAccountName, namespace }];
  const rbac = 'rbac.authorization.k8s.io';
  return {
    serviceAccount: {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: serviceAccountName, namespace, labels },
    },
    role: {
      apiVersion: `${rbac}/v1`,
      kind: 'Role',
      metadata: { name: serviceAccountName, namespace, labels },
      // RBAC cannot limit `create` to names, so it is granted apart from get/update, which are.
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
        {
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: [...new Set(deployment.agents.map((a) => a.configMap))].sort(),
          verbs: ['get', 'update'],
        },
      ],
    },
    roleBinding: {
      apiVersion: `${rbac}/v1`,
      kind: 'RoleBinding',
      metadata: { name: serviceAccountName, namespace, labels },
      roleRef: { apiGroup: rbac, kind: 'Role', name: serviceAccountName },
      subjects,
    },
    clusterRole: {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRole',
      metadata: { name: clusterName, labels },
      rules: [
        { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
        { apiGroups: ['nvidia.com'], resources: ['clusterpolicies'], verbs: ['list'] },
      ],
    },
    clusterRoleBinding: {
      apiVersion: `${rbac}/v1`,
      kind: 'ClusterRoleBinding',
      metadata: { name: clusterName, labels },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: clusterName },
      subjects,
    },
    jobs: deployment.agents.map((agent) => buildJob(deployment, agent, labels)),
  };
}

/** The ClusterRole (and binding) of a service account: cluster-wide, so namespaced by name. */
export function clusterRoleName(namespace: string, serviceAccountName: string): string {
  return `cnsctl:${namespace}:${serviceAccountName}`;
}

/** The objects of a deployment in the order they are created (deleted in reverse). */
export function creationOrder(manifests: AgentManifests): AgentObject[] {
  return [
    manifests.serviceAccount,
    manifests.role,
    manifests.roleBinding,
    manifests.clusterRole,
    manifests.clusterRoleBinding,
    ...manifests.jobs,
  ];
}

/** The reference of an object, to read or delete it. */
export function refOf(object: AgentObject): KubeObjectRef {
  const { apiVersion, kind, metadata } = object;
  return {
    apiVersion,
    kind,
    name: metadata.name,
    ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
  };
}

/** Whether cnsctl made the object (a leftover of an earlier run it may replace or remove). */
export function isManagedByUs(object: AgentObject): boolean {
  return object.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY;
}

function agentLabels(deployment: AgentDeployment): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'cns-agent',
    [VERSION_LABEL]: labelValue(deployment.toolVersion),
    [MANAGED_BY_LABEL]: MANAGED_BY,
    [AGENT_LABEL]: deployment.jobName,
  };
}

function buildJob(
  deployment: AgentDeployment,
  agent: AgentSpec,
  labels: Readonly<Record<string, string>>,
): AgentObject {
  const { namespace, privileged } = deployment;
  const output = `cm://${namespace}/${agent.configMap}`;
  const args = privileged
    ? [
        'snapshot',
        '--host-root',
        HOST_ROOT_MOUNT,
        '--output',
        output,
        '--format',
        deployment.format,
      ]
    : ['snapshot', '--collectors', 'k8s', '--output', output, '--format', deployment.format];
  const container = {
    name: AGENT_CONTAINER,
    image: deployment.image,
    command: ['cnsctl'],
    args,
    env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    },
    securityContext: privileged
      ? { privileged: true, runAsUser: 0 }
      : {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
    ...(privileged
      ? { volumeMounts: [{ name: 'host', mountPath: HOST_ROOT_MOUNT, readOnly: true }] }
      : {}),
  };
  const podSpec = {
    serviceAccountName: deployment.serviceAccountName,
    automountServiceAccountToken: true,
    restartPolicy: 'Never',
    ...(privileged
      ? { hostPID: true }
      : {
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NON_ROOT_USER,
            runAsGroup: NON_ROOT_USER,
            seccompProfile: { type: 'RuntimeDefault' },
          },
        }),
    ...(Object.keys(deployment.nodeSelector).length > 0
      ? { nodeSelector: { ...deployment.nodeSelector } }
      : {}),
    ...(agent.nodeName === undefined ? {} : { affinity: onNode(agent.nodeName) }),
    tolerations: deployment.tolerations.map((t) => ({ ...t })),
    ...(deployment.imagePullSecrets.length > 0
      ? { imagePullSecrets: deployment.imagePullSecrets.map((name) => ({ name })) }
      : {}),
    containers: [container],
    ...(privileged
      ? { volumes: [{ name: 'host', hostPath: { path: '/', type: 'Directory' } }] }
      : {}),
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: agent.jobName,
      namespace,
      labels,
      ...(agent.nodeName === undefined
        ? {}
        : { annotations: { [NODE_ANNOTATION]: agent.nodeName } }),
    },
    spec: {
      backoffLimit: 0,
      completions: 1,
      parallelism: 1,
      activeDeadlineSeconds: deployment.activeDeadlineSeconds,
      ttlSecondsAfterFinished: JOB_TTL_SECONDS,
      template: { metadata: { labels }, spec: podSpec },
    },
  };
}

/** Pins a pod to one node the way the DaemonSet controller does: by the node's name, through the scheduler. */
function onNode(nodeName: string): Record<string, unknown> {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] },
        ],
      },
    },
  };
}
