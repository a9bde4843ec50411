/**
 * Generated files through the tools that consume them: every script of every deployer passes `bash -n`
 * and shellcheck (and runs its --help), and the Flux bundle builds with kustomize (`kubectl kustomize`),
 * whose output, values ConfigMaps included, validates against the real schemas.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTreeToDirectory } from '../../src/adapters/output/write-tree-to-directory.js';
import { EXECUTABLE_MODE } from '../../src/core/bundle/file-tree.js';
import { DEPLOYER_NAMES, demoBundle, text } from './bundle-fixtures.js';
import { HAVE_SCHEMA_ORACLES, loadSchemaOracle, objectsIn } from './schema-oracle.js';
import { findTool, INSTALL_HINT, runTool } from './tools.js';

const shellcheck = findTool('shellcheck', true);
const kubectl = findTool('kubectl');

async function written(
  deployer: (typeof DEPLOYER_NAMES)[number],
  flags = {},
): Promise<{ dir: string; scripts: string[] }> {
  const { tree } = await demoBundle(deployer, flags);
  const dir = join(mkdtempSync(join(tmpdir(), 'cnsctl-tools-')), 'bundle');
  await writeTreeToDirectory(tree, dir, { processId: process.pid });
  const scripts = [...tree]
    .filter(([path]) => path.endsWith('.sh'))
    .map(([path, file]) => {
      expect(file.mode, path).toBe(EXECUTABLE_MODE);
      return path;
    });
  return { dir, scripts };
}

describe('generated scripts', () => {
  it.each(DEPLOYER_NAMES)(
    'of the %s bundle parse (bash -n) and print their usage',
    async (deployer) => {
      const { dir, scripts } = await written(deployer);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        const syntax = spawnSync('bash', ['-n', join(dir, script)], { encoding: 'utf8' });
        expect(syntax.stderr, script).toBe('');
        const help = spawnSync(join(dir, script), ['--help'], { encoding: 'utf8' });
        expect(help.status, script).toBe(0);
        expect(help.stdout).toMatch(/^Usage: /m);
        const bad = spawnSync(join(dir, script), ['--bogus'], { encoding: 'utf8' });
        expect(bad.status, script).toBe(2);
      }
    },
  );

  it('ask before deploying (and refuse without a terminal), then install every component in order', async () => {
    const { dir } = await written('script');
    const env = { PATH: `${join(dir, 'fake-bin')}:/usr/bin:/bin`, HOME: dir };
    spawnSync('mkdir', ['-p', join(dir, 'fake-bin')]);
    for (const tool of ['helm', 'kubectl'])
      spawnSync('bash', [
        '-c',
        `printf '#!/bin/sh\\necho "$0 $*" >> ${dir}/calls; [ "$1 $2" = "config current-context" ] && { echo demo-cluster; exit 0; }; exit 0\\n' > ${dir}/fake-bin/${tool}; chmod +x ${dir}/fake-bin/${tool}`,
      ]);
    const refused = spawnSync(join(dir, 'deploy.sh'), [], { encoding: 'utf8', env, input: '' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('pass --yes');
    const deployed = spawnSync(join(dir, 'deploy.sh'), ['--yes', '--no-wait'], {
      encoding: 'utf8',
      env,
      input: '',
    });
    expect(deployed.stderr).toBe('');
    expect(deployed.status).toBe(0);
    const calls = spawnSync('cat', [join(dir, 'calls')], { encoding: 'utf8' }).stdout;
    const installs = [...calls.matchAll(/helm upgrade --install (\S+) /g)].map((m) => m[1]);
    const { plan } = await demoBundle('script');
    expect(installs).toEqual(plan.components.map((c) => c.name));
    expect(calls).not.toContain('--wait');
    // Built-in manifests (ConfigMaps) before their chart, custom resources (Skyhook) after it.
    const lines = calls.split('\n');
    const line = (part: string) => lines.findIndex((l) => l.includes(part));
    expect(line('kubectl apply')).toBeGreaterThanOrEqual(0);
    expect(line('kernel-module-params.yaml')).toBeLessThan(line('upgrade --install gpu-operator'));
    expect(line('upgrade --install skyhook')).toBeLessThan(line('tuning-h100-training.yaml'));
  });
});

describe.skipIf(!shellcheck)('shellcheck', () => {
  it.each(DEPLOYER_NAMES)('finds nothing in the scripts of the %s bundle', async (deployer) => {
    const { dir, scripts } = await written(deployer);
    const result = runTool(shellcheck as string, ['--severity=style', ...scripts], dir);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe.skipIf(!kubectl)('the Flux bundle under kustomize', () => {
  it('builds, with one values ConfigMap per HelmRelease, and every built object validates', async () => {
    const { dir } = await written('flux', { repo: 'https://github.com/example/gitops.git' });
    const result = runTool(kubectl as string, ['kustomize', dir]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const objects = objectsIn(result.stdout) as {
      kind: string;
      metadata: { name: string; namespace?: string };
      spec?: { valuesFrom?: { name: string }[] };
      data?: Record<string, string>;
    }[];
    const releases = objects.filter((o) => o.kind === 'HelmRelease');
    const { plan, tree } = await demoBundle('flux');
    expect(releases.map((r) => r.metadata.name).sort()).toEqual(
      plan.components.map((c) => c.name).sort(),
    );
    for (const release of releases) {
      const name = release.spec?.valuesFrom?.[0]?.name;
      const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name);
      expect(map?.metadata.namespace).toBe('flux-system');
      expect(map?.data?.['values.yaml']).toBe(text(tree, `${release.metadata.name}/values.yaml`));
    }
    if (HAVE_SCHEMA_ORACLES) {
      const oracle = loadSchemaOracle();
      expect(
        objects.flatMap((o) => oracle.problems(o).map((p) => `${o.kind} ${o.metadata.name}: ${p}`)),
      ).toEqual([]);
    }
  });
});

it.skipIf(Boolean(shellcheck && kubectl))(
  `some tool checks skipped: shellcheck ${shellcheck ?? 'absent'}, kubectl ${kubectl ?? 'absent'} (${INSTALL_HINT})`,
  () => {
    expect(shellcheck && kubectl).toBeFalsy();
  },
);
