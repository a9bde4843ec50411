/**
 * What the official client really throws, from a real kube-apiserver and real connections, turned
 * into one-line errors that name the cluster and what to check, with the table's exit codes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { describeCluster, KUBECONFIG } from './test-cluster.js';

interface Kubeconfig {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: unknown[];
}

/** The test kubeconfig with one change, written to a file of its own. */
function variant(change: (config: Kubeconfig) => void): string {
  const config = parse(readFileSync(KUBECONFIG, 'utf8')) as Kubeconfig;
  change(config);
  const file = join(mkdtempSync(join(tmpdir(), 'cns-kubeconfig-')), 'config');
  writeFileSync(file, stringify(config));
  return file;
}

describeCluster('cluster errors, from the real client and server', { timeout: 30_000 }, () => {
  const read = (kubeconfig: string, ...more: string[]) =>
    cnsctl(['recipe', '--snapshot', 'cm://default/absent', '--kubeconfig', kubeconfig, ...more]);

  it.each<[string, () => string, string[], number, RegExp]>([
    [
      'an absent ConfigMap',
      () => KUBECONFIG,
      [],
      3,
      /no ConfigMap "absent" in namespace "default" of cluster "cns-test"/,
    ],
    [
      'a user without the right',
      () => KUBECONFIG,
      ['--context', 'limited'],
      4,
      /not allowed to get configmaps "absent" in namespace "default" \(403 Forbidden: .*User "limited" cannot get resource "configmaps"/,
    ],
    [
      'a token the server does not accept',
      () => variant((c) => c.users.forEach((u) => (u.user = { token: 'wrong' }))),
      [],
      4,
      /the credentials were refused \(401 Unauthorized\) trying to get configmaps "absent"/,
    ],
    [
      'a server that is not there',
      () => variant((c) => (c.clusters[0]!.cluster.server = 'https://127.0.0.1:1')),
      [],
      6,
      /cluster "cns-test" \(https:\/\/127\.0\.0\.1:1\): cannot connect \(connection refused\)/,
    ],
    [
      'a server whose certificate is not trusted',
      () => variant((c) => delete c.clusters[0]!.cluster['insecure-skip-tls-verify']),
      [],
      6,
      /the server's TLS certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\); check the kubeconfig's certificate-authority-data/,
    ],
    [
      'a context the kubeconfig lacks',
      () => KUBECONFIG,
      ['--context', 'nope'],
      2,
      /context "nope" is not in the kubeconfig \(it has: admin, cli, scale, limited\)/,
    ],
  ])('%s', async (_name, kubeconfig, more, code, message) => {
    const run = await read(kubeconfig(), ...more);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(/^error: cm:\/\/default\/absent: |^error: cluster "cns-test"/);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
