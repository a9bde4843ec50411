import { describe, expect, it } from 'vitest';
import { planAgents } from './agent-plan.js';

const plan = (output: string | undefined, nodes?: string[]) =>
  planAgents({ namespace: 'gpu-operator', jobName: 'cns-agent', output, nodes, format: 'yaml' });

describe('planAgents', () => {
  it.each([
    [
      'no output: the demo ConfigMap, written by the agent itself',
      undefined,
      { configMap: 'cns-snapshot', destination: 'cm://gpu-operator/cns-snapshot', copied: false },
    ],
    [
      'a ConfigMap of the namespace: written by the agent',
      'cm://gpu-operator/mine',
      { configMap: 'mine', destination: 'cm://gpu-operator/mine', copied: false },
    ],
    [
      'a ConfigMap of another namespace: the agent writes its own, the CLI copies it',
      'cm://elsewhere/mine',
      { configMap: 'cns-agent', destination: 'cm://elsewhere/mine', copied: true },
    ],
    [
      'a file: copied',
      'snapshot.yaml',
      { configMap: 'cns-agent', destination: 'snapshot.yaml', copied: true },
    ],
    ['stdout: copied', '-', { configMap: 'cns-agent', destination: '-', copied: true }],
  ])('one agent, %s', (_name, output, expected) => {
    expect(plan(output)).toEqual([{ jobName: 'cns-agent', ...expected }]);
  });

  it('gives each node a Job of its own with a stable hashed name, and a ConfigMap named after the node', () => {
    const agents = plan(undefined, ['gpu-a', 'gpu-b']);
    expect(agents.map((a) => a.nodeName)).toEqual(['gpu-a', 'gpu-b']);
    expect(agents.map((a) => a.configMap)).toEqual(['cns-snapshot-gpu-a', 'cns-snapshot-gpu-b']);
    expect(agents.every((a) => /^cns-agent-[0-9a-f]{10}$/.test(a.jobName) && !a.copied)).toBe(true);
    expect(new Set(agents.map((a) => a.jobName)).size).toBe(2);
    expect(plan(undefined, ['gpu-a'])[0]?.jobName).toBe(agents[0]?.jobName);
  });

  it('writes a directory of files named by node, copied from per-Job ConfigMaps', () => {
    expect(plan('out', ['gpu-a'])).toEqual([
      expect.objectContaining({ nodeName: 'gpu-a', destination: 'out/gpu-a.yaml', copied: true }),
    ]);
  });

  it('hashes a node name that would make the ConfigMap name too long', () => {
    const long = `${'n'.repeat(60)}.${'m'.repeat(60)}.${'o'.repeat(60)}.${'p'.repeat(60)}`;
    const [agent] = plan(undefined, [long]);
    expect(agent?.configMap).toMatch(/^cns-snapshot-[0-9a-f]{10}$/);
  });

  it('refuses stdout for many nodes', () => {
    expect(() => plan('-', ['a', 'b'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
