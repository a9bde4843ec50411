import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cnsctl } from '../../../test/cli/run-cli-in-process.js';
import { HOSTS_DIR } from '../../../test/snapshot/fixture-host.js';
import { DEFAULT_SYSTEMD_UNITS } from '../../actions/snapshot/collect-systemd.js';
import { DEFAULT_COLLECTOR_TIMEOUT } from '../../actions/snapshot/to-snapshot-options.js';
import { snapshotSchema, type Snapshot } from '../../core/snapshot/snapshot.js';

const root = (host: string): string => join(HOSTS_DIR, host, 'root');
const noCluster = { KUBECONFIG: '/nonexistent/kubeconfig' };

describe('cnsctl snapshot', () => {
  it('writes a Snapshot of this machine as YAML and warns once per collector that is not ok', async () => {
    const run = await cnsctl(['snapshot'], { env: noCluster });
    expect(run.code).toBe(0);
    const snapshot = snapshotSchema.parse(parse(run.stdout)) as Snapshot;
    expect(snapshot.metadata.timestamp).toBe('2026-01-13T13:05:58Z');
    const notOk = (snapshot.collectors ?? []).filter((c) => c.status !== 'ok');
    const warnings = run.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toEqual(notOk.map((c) => `warning: ${c.name} ${c.status}: ${c.reason ?? ''}`));
    expect(warnings).toContain(
      'warning: k8s unavailable: no kubeconfig (KUBECONFIG, ~/.kube/config) or in-cluster service account found',
    );
  });

  it('reads the host mounted at --host-root, as JSON', async () => {
    const run = await cnsctl(['snapshot', '--host-root', root('ubuntu-gpu-node'), '-t', 'json'], {
      env: noCluster,
    });
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout) as Snapshot;
    expect(snapshot.metadata['source-node']).toBe('ip-10-0-182-128.ec2.internal');
    const os = snapshot.measurements.find((m) => m.type === 'OS');
    expect(os?.subtypes.find((s) => s.subtype === 'release')?.data).toMatchObject({
      ID: 'ubuntu',
      VERSION_ID: '24.04',
    });
    const gpu = snapshot.measurements.find((m) => m.type === 'GPU');
    expect(gpu?.subtypes.find((s) => s.subtype === 'driver')?.data).toMatchObject({
      version: '580.159.04',
    });
  });

  it('prints the one-screen table', async () => {
    const run = await cnsctl(['snapshot', '--host-root', root('ubuntu-gpu-node'), '-t', 'table'], {
      env: noCluster,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Snapshot of ip-10-0-182-128\.ec2\.internal at 2026-01-13T13:05:58Z/,
    );
    expect(run.stdout).toContain('OS          Ubuntu 24.04.3 LTS');
    expect(run.stdout).toContain('Kernel      6.8.0-1043-aws (x86_64)');
    expect(run.stdout).toMatch(/COLLECTOR\s+STATUS\s+REASON/);
  });

  it('writes the document to a file with -o', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-snapshot-'));
    const file = join(dir, 'snapshot.yaml');
    const run = await cnsctl(['snapshot', '--host-root', root('no-gpu-host'), '-o', file], {
      env: noCluster,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const snapshot = parse(await readFile(file, 'utf8')) as Snapshot;
    expect(snapshot.kind).toBe('Snapshot');
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 6 with the reason when --require-gpu finds no GPU', async () => {
    const run = await cnsctl(['snapshot', '--host-root', root('no-gpu-host'), '--require-gpu'], {
      env: noCluster,
    });
    expect(run.code).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('a GPU is required but none was found');
  });

  it.each([
    ['a timeout that is not a duration', ['--timeout', 'soon'], '--timeout must be a duration'],
    ['a relative host root', ['--host-root', 'host'], '--host-root must be an absolute directory'],
    ['an unknown format', ['-t', 'xml'], "argument 'xml' is invalid"],
  ])('exits 2 for %s', async (_name, flags, message) => {
    const run = await cnsctl(['snapshot', ...flags], { env: noCluster });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('logs per-collector times with --debug, and nothing volatile in the document', async () => {
    const run = await cnsctl(['--debug', 'snapshot', '--host-root', root('h100-minimal')], {
      env: noCluster,
    });
    expect(run.stderr).toMatch(
      /snapshot collectors: systemd \d+ ms, os \d+ ms, k8s \d+ ms, gpu \d+ ms/,
    );
    expect(run.stdout).not.toMatch(/\d+ ms/);
  });

  it('documents every flag with examples in --help', async () => {
    const run = await cnsctl(['snapshot', '--help']);
    for (const flag of [
      '--host-root',
      '--include-net-sysctl',
      '--systemd-units',
      '--all-properties',
      '--require-gpu',
      '--timeout',
      '--node-name',
      '--output',
      '--format',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('Examples:');
  });

  it('declares the same defaults as the snapshot action', async () => {
    const help = (await cnsctl(['snapshot', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`(default: "${DEFAULT_SYSTEMD_UNITS.join(',')}")`);
    expect(help).toContain(`(default: "${DEFAULT_COLLECTOR_TIMEOUT}")`);
  });
});
