import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cnsctl, type CliRunOptions } from '../../../test/cli/run-cli-in-process.js';
import {
  fixtureHostRoot,
  noCluster,
  openFixtureHost,
} from '../../../test/snapshot/fixture-host.js';
import { DEFAULT_SYSTEMD_UNITS } from '../../actions/snapshot/collect-systemd.js';
import { DEFAULT_COLLECTOR_TIMEOUT } from '../../actions/snapshot/to-snapshot-options.js';
import type { Snapshot } from '../../core/snapshot/snapshot.js';

// The fixture hosts (test/fixtures/hosts) behind the host and cluster ports, as composePorts would
// build them for a real host root: the same command, flags and output path as on a node.
const onFixtureHosts: CliRunOptions = { ports: { openHost: openFixtureHost, openKube: noCluster } };
// The time the snapshot action's own golden files were taken at (test/snapshot/golden).
const GOLDEN_TIME = { SOURCE_DATE_EPOCH: '1768309349' };

describe('cnsctl snapshot', () => {
  it("writes the host's Snapshot as YAML, byte for byte the snapshot action's golden file, and warns once per collector that is not ok", async () => {
    const run = await cnsctl(['snapshot', '--host-root', fixtureHostRoot('ubuntu-gpu-node')], {
      ...onFixtureHosts,
      env: GOLDEN_TIME,
    });
    expect(run.code).toBe(0);
    const golden = await readFile(
      new URL('../../../test/snapshot/golden/ubuntu-gpu-node.yaml', import.meta.url),
      'utf8',
    );
    expect(run.stdout).toBe(golden);
    expect(run.stderr).toBe(
      'warning: k8s unavailable: no kubeconfig or in-cluster configuration found\n',
    );
  });

  it('writes JSON with -t json', async () => {
    const run = await cnsctl(
      ['snapshot', '--host-root', fixtureHostRoot('ubuntu-gpu-node'), '-t', 'json'],
      onFixtureHosts,
    );
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
    const run = await cnsctl(
      ['snapshot', '--host-root', fixtureHostRoot('ubuntu-gpu-node'), '-t', 'table'],
      onFixtureHosts,
    );
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
    const run = await cnsctl(
      ['snapshot', '--host-root', fixtureHostRoot('no-gpu-host'), '-o', file],
      onFixtureHosts,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const snapshot = parse(await readFile(file, 'utf8')) as Snapshot;
    expect(snapshot.kind).toBe('Snapshot');
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 6 with the reason when --require-gpu finds no GPU', async () => {
    const run = await cnsctl(
      ['snapshot', '--host-root', fixtureHostRoot('no-gpu-host'), '--require-gpu'],
      onFixtureHosts,
    );
    expect(run.code).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('a GPU is required but none was found');
  });

  it.each([
    ['a timeout that is not a duration', ['--timeout', 'soon'], '--timeout must be a duration'],
    ['a relative host root', ['--host-root', 'host'], '--host-root must be an absolute directory'],
    ['an unknown format', ['-t', 'xml'], "argument 'xml' is invalid"],
  ])('exits 2 for %s', async (_name, flags, message) => {
    const run = await cnsctl(['snapshot', ...flags], onFixtureHosts);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('logs per-collector times with --debug, and nothing volatile in the document', async () => {
    const run = await cnsctl(
      ['--debug', 'snapshot', '--host-root', fixtureHostRoot('h100-minimal')],
      onFixtureHosts,
    );
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
