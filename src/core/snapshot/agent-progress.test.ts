import { describe, expect, it } from 'vitest';
import {
  agentState,
  describeState,
  diagnoseStuck,
  summarizeStates,
  type AgentState,
} from './agent-progress.js';
import type { KubePod } from './kube-objects.js';

const pod = (
  status: KubePod['status'],
  nodeName?: string,
  extra: Partial<KubePod['metadata']> = {},
): KubePod => ({
  metadata: { name: 'cns-agent-x1', ...extra },
  spec: { containers: [], ...(nodeName ? { nodeName } : {}) },
  status,
});
const waiting = (reason: string, message?: string) => ({
  phase: 'Pending',
  containerStatuses: [
    { name: 'agent', state: { waiting: { reason, ...(message ? { message } : {}) } } },
  ],
});

describe('agentState and describeState', () => {
  it.each<[string, KubePod | undefined, AgentState['stage'], string]>([
    ['no pod yet', undefined, 'waiting', 'waiting for the Job to create its pod'],
    ['a pod not yet scheduled', pod({ phase: 'Pending' }), 'waiting', 'waiting to be scheduled'],
    [
      'a pod the scheduler cannot place',
      pod({
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available',
          },
        ],
      }),
      'unschedulable',
      'unschedulable: 0/3 nodes are available',
    ],
    [
      'a pod pulling its image',
      pod(waiting('ContainerCreating'), 'gpu-a'),
      'starting',
      'scheduled on gpu-a, pulling the image and starting',
    ],
    [
      'an image that cannot be pulled',
      pod(waiting('ImagePullBackOff', 'Back-off pulling image "x"'), 'gpu-a'),
      'start-failed',
      'cannot start on gpu-a: ImagePullBackOff Back-off pulling image "x"',
    ],
    ['a running agent', pod({ phase: 'Running' }, 'gpu-a'), 'running', 'running on gpu-a'],
    ['a finished agent', pod({ phase: 'Succeeded' }, 'gpu-a'), 'succeeded', 'completed on gpu-a'],
    [
      'a failed agent',
      pod(
        {
          phase: 'Failed',
          containerStatuses: [
            { name: 'agent', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
          ],
        },
        'gpu-a',
      ),
      'failed',
      'failed on gpu-a: exit code 137 (OOMKilled)',
    ],
    [
      'a pod stopped by its deadline',
      pod(
        {
          phase: 'Failed',
          reason: 'DeadlineExceeded',
          message: 'Pod was active on the node longer than the specified deadline',
        },
        'gpu-a',
      ),
      'failed',
      'failed on gpu-a: DeadlineExceeded Pod was active on the node longer than the specified deadline',
    ],
    [
      'a pod being deleted',
      pod({ phase: 'Running' }, 'gpu-a', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      'terminating',
      'terminating on gpu-a',
    ],
  ])('%s', (_name, value, stage, description) => {
    const state = agentState(value);
    expect(state.stage).toBe(stage);
    expect(describeState(state)).toBe(description);
  });
});

describe('diagnoseStuck', () => {
  const context = { image: 'ghcr.io/nvidia/cnsctl:v1', jobEvents: [] };
  it.each<[string, AgentState, string]>([
    [
      'unschedulable',
      { stage: 'unschedulable', detail: '0/3 nodes are available' },
      "no node can run it: 0/3 nodes are available; check --node-selector and --toleration against the nodes' labels and taints",
    ],
    [
      'an image pull',
      { stage: 'start-failed', node: 'a', detail: 'ErrImagePull' },
      'its container cannot start on a: ErrImagePull; check --image ghcr.io/nvidia/cnsctl:v1 and --image-pull-secret',
    ],
    ['still running', { stage: 'running', node: 'a' }, 'the agent was still running on a'],
    [
      'no pod and no event',
      { stage: 'waiting' },
      'the Job created no pod (is the Job controller running? see kubectl describe job)',
    ],
  ])('explains %s', (_name, state, expected) => {
    expect(diagnoseStuck(state, context)).toBe(expected);
  });

  it("quotes the Job controller's latest FailedCreate when it made no pod", () => {
    expect(
      diagnoseStuck(
        { stage: 'waiting' },
        {
          ...context,
          jobEvents: [
            { reason: 'FailedCreate', message: 'old' },
            {
              reason: 'FailedCreate',
              message: 'Error creating: pods is forbidden: violates PodSecurity',
            },
          ],
        },
      ),
    ).toBe(
      'the Job could not create its pod: Error creating: pods is forbidden: violates PodSecurity',
    );
  });
});

describe('summarizeStates', () => {
  it('counts agents by what they are doing', () => {
    const states: AgentState[] = [
      { stage: 'succeeded' },
      { stage: 'succeeded' },
      { stage: 'running' },
      { stage: 'unschedulable' },
      { stage: 'waiting' },
    ];
    expect(summarizeStates(states)).toBe('2 done, 1 running, 2 waiting (of 5)');
  });
});
