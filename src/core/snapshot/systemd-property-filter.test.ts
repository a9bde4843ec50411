import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSystemdShow } from './parse-systemd-show.js';
import { filterSystemdProperties, REDACTED } from './systemd-property-filter.js';

const fixture = (unit: string): Readonly<Record<string, string>> => {
  const text = readFileSync(
    new URL(`../../../test/fixtures/hosts/ubuntu-gpu-node/systemd/${unit}.txt`, import.meta.url),
    'utf8',
  );
  const [parsed] = parseSystemdShow(text, [unit]);
  if (!parsed) throw new Error(`fixture ${unit} did not parse`);
  return parsed.properties;
};

describe('filterSystemdProperties', () => {
  const containerd = filterSystemdProperties(fixture('containerd.service'));
  const kubelet = filterSystemdProperties(fixture('kubelet.service'));

  it.each([
    'MainPID',
    'ExecMainPID',
    'ExecMainStartTimestamp',
    'ExecMainStartTimestampMonotonic',
    'StateChangeTimestamp',
    'ActiveEnterTimestamp',
    'ConditionTimestamp',
    'InvocationID',
    'NRestarts',
    'MemoryCurrent',
    'MemoryPeak',
    'MemorySwapCurrent',
    'CPUUsageNSec',
    'TasksCurrent',
    'IPIngressBytes',
    'IOReadOperations',
    'ControlGroupId',
  ])('leaves out the volatile property %s', (name) => {
    expect(containerd).not.toHaveProperty(name);
  });

  it.each([
    ['CPUAccounting', 'yes'],
    ['MemoryAccounting', 'yes'],
    ['MemoryMax', 'infinity'],
    ['LimitNOFILE', 'infinity'],
    ['Delegate', 'yes'],
    ['ActiveState', 'active'],
    ['UnitFileState', 'enabled'],
    ['DropInPaths', '/etc/systemd/system/containerd.service.d/10-proxy.conf'],
  ])('keeps the configuration property %s', (name, value) => {
    expect(containerd[name]).toBe(value);
  });

  it('drops the run-time fields from Exec values and keeps the command', () => {
    expect(containerd.ExecStart).toBe(
      '{ path=/usr/bin/containerd ; argv[]=/usr/bin/containerd ; ignore_errors=no }',
    );
    expect(containerd.ExecStartPreEx).toBe(
      '{ path=/sbin/modprobe ; argv[]=/sbin/modprobe overlay ; flags=ignore-failure }',
    );
  });

  it('redacts a password in a proxy URL but keeps the rest of the environment', () => {
    expect(containerd.Environment).toBe(
      `"HTTPS_PROXY=http://${REDACTED}@proxy.internal:3128" NO_PROXY=169.254.169.254,.internal`,
    );
  });

  it('redacts a secret-named variable and a token flag, and drops credential properties', () => {
    expect(kubelet.Environment).toContain(`AWS_SECRET_ACCESS_KEY=${REDACTED}`);
    expect(kubelet.Environment).toContain('KUBELET_ARGS=--node-ip=10.0.182.128');
    expect(kubelet.ExecStart).toContain(`--bootstrap-token=${REDACTED}`);
    expect(kubelet.ExecStart).toContain('--kubeconfig /var/lib/kubelet/kubeconfig');
    expect(kubelet).not.toHaveProperty('LoadCredential');
  });

  it.each([
    [
      'a flag naming a token file is kept',
      'ExecStart',
      '--token-file=/etc/token',
      '--token-file=/etc/token',
    ],
    [
      'a space-separated password flag is redacted',
      'ExecStart',
      '--db-password hunter2',
      `--db-password ${REDACTED}`,
    ],
    [
      'a flag followed by another flag keeps both',
      'ExecStart',
      '--token --verbose',
      '--token --verbose',
    ],
    [
      'an ordinary value is unchanged',
      'Description',
      'containerd container runtime',
      'containerd container runtime',
    ],
  ])('%s', (_name, property, value, expected) => {
    expect(filterSystemdProperties({ [property]: value })[property]).toBe(expected);
  });
});
