/**
 * The Kubernetes client (most of a second to import) loads only for commands that talk to a
 * cluster: the shipped CLI runs under bench/usage-hook.cjs, which records every module it asks for.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, REPO_ROOT } from '../cli/run-cli-in-process.js';

const BIN = `${REPO_ROOT}bin/cnsctl.cjs`;
const built = existsSync(`${REPO_ROOT}dist/cnsctl.cjs`);
const CLIENT = '@kubernetes/client-node';

function requested(
  args: readonly string[],
  env: Record<string, string> = {},
): { status: number | null; modules: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'cns-usage-')), 'usage.json');
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmpdir(),
      NODE_OPTIONS: `--require ${REPO_ROOT}bench/usage-hook.cjs`,
      CNS_USAGE_FILE: file,
      ...env,
    },
  });
  return {
    status: result.status,
    modules: (JSON.parse(readFileSync(file, 'utf8')) as { requested: string[] }).requested,
  };
}

describe.skipIf(!built)('the Kubernetes client loads only where a cluster is used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cns-lazy-'));
  const recipe = join(dir, 'recipe.yaml');
  const snapshot = join(dir, 'snapshot.yaml');

  it.each<[string, string[]]>([
    ['recipe', ['recipe', ...DEMO_CRITERIA_FLAGS, '-o', recipe]],
    ['a local snapshot', ['snapshot', '-o', snapshot]],
    ['validate', ['validate', '--recipe', recipe, '--snapshot', snapshot]],
    ['diff', ['diff', snapshot, snapshot]],
    ['query', ['query', ...DEMO_CRITERIA_FLAGS, '--selector', 'deploymentOrder']],
    ['version', ['version']],
  ])('%s never asks for it', (_name, args) => {
    const run = requested(args);
    expect([0, 1]).toContain(run.status);
    expect(run.modules).not.toContain(CLIENT);
  });

  it('a command given a cm:// location loads it (and fails cleanly without a cluster)', () => {
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]\nusers: [{ name: u, user: { token: t } }]\ncontexts: [{ name: c, context: { cluster: c, user: u } }]\ncurrent-context: c\n',
    );
    const run = requested([
      'recipe',
      '--snapshot',
      'cm://gpu-operator/cns-snapshot',
      '--kubeconfig',
      kubeconfig,
    ]);
    expect(run.status).toBe(6);
    expect(run.modules).toContain(CLIENT);
  });
});
