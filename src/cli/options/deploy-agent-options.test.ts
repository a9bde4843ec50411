import { describe, expect, it } from 'vitest';
import {
  assertNoAgentFlags,
  parseNodeSelector,
  parseTolerations,
  toDeployAgentOptions,
  type DeployAgentFlags,
} from './deploy-agent-options.js';

const given = { hostRoot: false, systemdUnits: false };
const options = (
  flags: Partial<DeployAgentFlags>,
  more: Partial<typeof given & { timeout: string }> = {},
) =>
  toDeployAgentOptions(
    { deployAgent: true, format: 'yaml', ...flags },
    { ...given, ...more },
    '0.1.0',
  );

describe('toDeployAgentOptions', () => {
  it('gives the documented defaults', () => {
    expect(options({})).toEqual({
      namespace: 'gpu-operator',
      image: 'ghcr.io/nvidia/cnsctl:v0.1.0',
      jobName: 'cns-agent',
      serviceAccountName: 'cns-agent',
      nodeSelector: {},
      tolerations: [{ operator: 'Exists' }],
      imagePullSecrets: [],
      privileged: true,
      format: 'yaml',
      agentArgs: [],
      output: undefined,
      allNodes: false,
      parallel: 20,
      timeoutMs: 300_000,
      cleanup: false,
    });
  });

  it('passes the flags that shape the collection on to the agents', () => {
    expect(
      options(
        { includeNetSysctl: true, allProperties: true, requireGpu: true, systemdUnits: 'kubelet' },
        { systemdUnits: true },
      ).agentArgs,
    ).toEqual([
      '--include-net-sysctl',
      '--systemd-units',
      'kubelet',
      '--all-properties',
      '--require-gpu',
    ]);
  });

  it('waits --timeout when given, for up to a day', () => {
    expect(options({}, { timeout: '90m' }).timeoutMs).toBe(5_400_000);
  });

  it.each<[string, Partial<DeployAgentFlags>, Partial<typeof given>, RegExp]>([
    ['a table (a ConfigMap holds documents)', { format: 'table' }, {}, /use -t yaml or -t json/],
    [
      '--host-root (the agent’s is fixed)',
      {},
      { hostRoot: true },
      /--host-root, --node-name and --collectors are set by --deploy-agent/,
    ],
    ['--collectors', { collectors: 'k8s' }, {}, /set by --deploy-agent/],
    [
      'a namespace Kubernetes would refuse',
      { namespace: 'GPU_Operator' },
      {},
      /--namespace must be a Kubernetes name of at most 63/,
    ],
    [
      'a job name too long for per-node Jobs',
      { allNodes: true, jobName: 'j'.repeat(53) },
      {},
      /--job-name must be a Kubernetes name of at most 52/,
    ],
    ['--parallel without --all-nodes', { parallel: '5' }, {}, /--parallel needs --all-nodes/],
    [
      'a --parallel of zero',
      { allNodes: true, parallel: '0' },
      {},
      /--parallel must be a whole number from 1 to 500/,
    ],
    [
      'host flags for a restricted agent',
      { privileged: false, includeNetSysctl: true },
      {},
      /--include-net-sysctl needs the host: not with --privileged=false/,
    ],
    ['an image with a space', { image: 'a b' }, {}, /--image must be an image reference/],
  ])('refuses %s', (_name, flags, more, message) => {
    expect(() => options(flags, more)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message) }),
    );
  });
});

describe('assertNoAgentFlags', () => {
  it('refuses agent flags without --deploy-agent, naming them', () => {
    expect(() => assertNoAgentFlags({ format: 'yaml', namespace: 'x', cleanup: true })).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: '--namespace, --cleanup need --deploy-agent',
      }),
    );
    expect(() => assertNoAgentFlags({ format: 'yaml' })).not.toThrow();
  });
});

describe('parseNodeSelector', () => {
  it('reads key=value pairs, prefixed keys and empty values included', () => {
    expect(
      parseNodeSelector(['nodeGroup=customer-gpu', 'nvidia.com/gpu.present=true', 'empty=']),
    ).toEqual({
      nodeGroup: 'customer-gpu',
      'nvidia.com/gpu.present': 'true',
      empty: '',
    });
  });

  it.each(['nodeGroup', '=x', 'a b=c', 'k=v v', `k=${'v'.repeat(64)}`])('refuses %s', (pair) => {
    expect(() => parseNodeSelector([pair])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('parseTolerations', () => {
  it.each([
    ['nothing: tolerate every taint', [], [{ operator: 'Exists' }]],
    ['*', ['*'], [{ operator: 'Exists' }]],
    [
      'key=value:Effect',
      ['dedicated=gpu:NoSchedule'],
      [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
    ],
    [
      'key:Effect',
      ['nvidia.com/gpu:NoSchedule'],
      [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    ],
    ['key', ['dedicated'], [{ key: 'dedicated', operator: 'Exists' }]],
    [
      'key=value (any effect)',
      ['dedicated=gpu'],
      [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }],
    ],
  ])('reads %s', (_name, values, expected) => {
    expect(parseTolerations(values)).toEqual(expected);
  });

  it.each(['dedicated=gpu:Sometimes', '=gpu', ':NoExecute', 'a b'])('refuses %s', (value) => {
    expect(() => parseTolerations([value])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
