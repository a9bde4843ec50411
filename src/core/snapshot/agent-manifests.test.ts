import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HAVE_KUBERNETES_SCHEMAS, schemaProblems } from '../../../test/kube/openapi-validator.js';
import {
  buildAgentManifests,
  creationOrder,
  HOST_ROOT_MOUNT,
  type AgentDeployment,
  type AgentObject,
} from './agent-manifests.js';

const deployment = (overrides: Partial<AgentDeployment> = {}): AgentDeployment => ({
  namespace: 'gpu-operator',
  image: 'ghcr.io/nvidia/cnsctl:v0.1.0',
  jobName: 'cns-agent',
  serviceAccountName: 'cns-agent',
  nodeSelector: { nodeGroup: 'customer-gpu' },
  tolerations: [{ operator: 'Exists' }],
  imagePullSecrets: ['regcred'],
  privileged: true,
  activeDeadlineSeconds: 330,
  format: 'yaml',
  agentArgs: [],
  toolVersion: '0.1.0',
  agents: [{ jobName: 'cns-agent', configMap: 'cns-snapshot' }],
  ...overrides,
});

interface PodSpec {
  hostPID?: boolean;
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; hostPath?: { path: string } }[];
  affinity?: unknown;
  containers: {
    args: string[];
    env: unknown[];
    resources: unknown;
    securityContext: Record<string, unknown>;
    volumeMounts?: { mountPath: string; readOnly?: boolean }[];
  }[];
}
const jobSpec = (job: AgentObject) =>
  job.spec as {
    backoffLimit: number;
    ttlSecondsAfterFinished: number;
    activeDeadlineSeconds: number;
    template: { spec: PodSpec };
  };

const variants: [string, AgentDeployment][] = [
  ['a privileged agent', deployment()],
  ['a restricted agent (--privileged=false)', deployment({ privileged: false })],
  [
    'per-node agents (--all-nodes), with extra flags for the agent',
    deployment({
      agentArgs: ['--systemd-units', 'kubelet'],
      agents: [
        { jobName: 'cns-agent-0123456789', nodeName: 'gpu-a', configMap: 'cns-snapshot-gpu-a' },
        { jobName: 'cns-agent-abcdef0123', nodeName: 'gpu-b', configMap: 'cns-snapshot-gpu-b' },
      ],
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
    }),
  ],
];

describe.skipIf(!HAVE_KUBERNETES_SCHEMAS)(
  'the agent objects against the Kubernetes OpenAPI documents (skipped without ../shared/oracles)',
  () => {
    it.each(variants)('every object of %s is valid, with no unknown field', (_name, value) => {
      for (const object of creationOrder(buildAgentManifests(value))) {
        expect(schemaProblems(object), `${object.kind} ${object.metadata.name}`).toEqual([]);
      }
    });

    it('catches a misspelt field, so the check above can fail', () => {
      const [job] = buildAgentManifests(deployment()).jobs;
      const broken = { ...job, spec: { ...(job?.spec as object), backofLimit: 0 } } as AgentObject;
      expect(schemaProblems(broken)).toEqual(['.spec.backofLimit is not a field of this object']);
      expect(schemaProblems({ ...broken, spec: { backoffLimit: 'none' } })).not.toEqual([]);
    });
  },
);

describe('buildAgentManifests', () => {
  it('gives a privileged agent the host read-only at /host, as --host-root, with host PID', () => {
    const [job] = buildAgentManifests(deployment()).jobs;
    const pod = jobSpec(job as AgentObject).template.spec;
    expect(pod.hostPID).toBe(true);
    expect(pod.volumes).toEqual([{ name: 'host', hostPath: { path: '/', type: 'Directory' } }]);
    expect(pod.containers[0]?.volumeMounts).toEqual([
      { name: 'host', mountPath: HOST_ROOT_MOUNT, readOnly: true },
    ]);
    expect(pod.containers[0]?.args).toEqual([
      'snapshot',
      '--host-root',
      '/host',
      '--output',
      'cm://gpu-operator/cns-snapshot',
      '--format',
      'yaml',
    ]);
  });

  it('runs a restricted agent as Pod Security "restricted" demands, with the cluster’s view only', () => {
    const [job] = buildAgentManifests(deployment({ privileged: false })).jobs;
    const pod = jobSpec(job as AgentObject).template.spec;
    expect(pod.hostPID).toBeUndefined();
    expect(pod.volumes).toBeUndefined();
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0]?.args.slice(0, 3)).toEqual(['snapshot', '--collectors', 'k8s']);
  });

  it('makes a Job that runs once and then goes: no retry, a deadline, a time to live, bounded resources', () => {
    const spec = jobSpec(buildAgentManifests(deployment()).jobs[0] as AgentObject);
    expect(spec).toMatchObject({
      backoffLimit: 0,
      activeDeadlineSeconds: 330,
      ttlSecondsAfterFinished: 3600,
    });
    const container = spec.template.spec.containers[0];
    expect(container?.env).toEqual([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    ]);
    expect(container?.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
  });

  it('pins a per-node agent to its node through the scheduler, as DaemonSets do', () => {
    const { jobs } = buildAgentManifests(variants[2]?.[1] as AgentDeployment);
    expect(jobSpec(jobs[1] as AgentObject).template.spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gpu-b'] }] },
          ],
        },
      },
    });
  });

  it('grants least privilege: the agents’ ConfigMaps by name, and read-only nodes, pods and ClusterPolicies', () => {
    const { role, clusterRole } = buildAgentManifests(variants[2]?.[1] as AgentDeployment);
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: ['cns-snapshot-gpu-a', 'cns-snapshot-gpu-b'],
        verbs: ['get', 'update'],
      },
    ]);
    const verbs = (clusterRole.rules as { verbs: string[] }[]).flatMap((r) => r.verbs);
    expect(new Set(verbs)).toEqual(new Set(['get', 'list']));
    expect(clusterRole.metadata.name).toBe('cnsctl:gpu-operator:cns-agent');
  });

  it('labels everything with the deployment, so one selector finds it all', () => {
    for (const object of creationOrder(buildAgentManifests(deployment()))) {
      expect(object.metadata.labels).toMatchObject({
        'cns.nvidia.com/agent': 'cns-agent',
        'app.kubernetes.io/managed-by': 'cnsctl',
      });
    }
  });

  it('is plain data that YAML round-trips unchanged', () => {
    const manifests = buildAgentManifests(deployment());
    expect(parse(JSON.stringify(manifests))).toEqual(manifests);
  });
});
