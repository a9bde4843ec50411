import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEMO_CRITERIA_FLAGS, REPO_ROOT, cnsctl } from '../../../test/cli/run-cli-in-process.js';
import type { RecipeResult } from '../../core/recipe/recipe-result.js';

const CHARTS = join(REPO_ROOT, '..', 'shared', 'oracles', 'charts');

/** An overlay that turns the operator's toolkit off on the demo's nodes but keeps volume-mounts. */
const HOST_TOOLKIT = `apiVersion: cns.nvidia.com/v1alpha1
kind: RecipeOverlay
metadata:
  name: site-eks-h100-ubuntu-training
  description: Host toolkit on our EKS nodes.
spec:
  base: h100-eks-training
  criteria: {service: eks, accelerator: h100, os: ubuntu, intent: training}
  componentRefs:
    - name: gpu-operator
      overrides:
        toolkit:
          enabled: false
`;

async function userData(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cnsctl-data-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('cnsctl data check', () => {
  it('passes the embedded data, saying what it did not check', async () => {
    const run = await cnsctl(['data', 'check']);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('values paths not checked: give --charts DIR');
    expect(run.stderr).toMatch(/data check: 0 problems \(2160 queries, \d+ distinct recipes\)/);
  });

  it.skipIf(!existsSync(CHARTS))(
    'passes the embedded data against the chart oracles (skipped without ../shared/oracles)',
    async () => {
      const run = await cnsctl(['data', 'check', '--charts', CHARTS]);
      expect(run).toMatchObject({ code: 0, stdout: '' });
      expect(run.stderr).toContain('dynamo-platform 0.9.0: no chart dynamo-platform');
    },
  );

  it('prints one line per broken rule, naming the query, the rule and the value, and exits 1', async () => {
    const dir = await userData({ 'overlays/site-eks-h100-ubuntu-training.yaml': HOST_TOOLKIT });
    const run = await cnsctl(['data', 'check', '--data', dir]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^coherence: service=eks, accelerator=h100, os=ubuntu, intent=training( \(and \d+ more queries\))?: rule volume-mounts-device-list-needs-operator-toolkit .*\(found "volume-mounts"\)/,
      ),
    );
    expect(lines.every((line) => /^(schema|coverage|values-path|coherence): /.test(line))).toBe(
      true,
    );
  });

  it('reports schema problems with file (named under --data) and line, one per line', async () => {
    const dir = await userData({
      'overlays/bad.yaml':
        'apiVersion: cns.nvidia.com/v1alpha1\nkind: RecipeOverlay\nmetadata:\n  name: bad\nspec:\n  base: base\n  criteria:\n    service: azure\n',
      'rules/mine.yaml':
        'apiVersion: cns.nvidia.com/v1alpha1\nkind: CoherenceRules\nrules:\n  - id: mine\n    reason: r\n    source: s\n    require:\n      - {component: no-such-thing}\n',
    });
    const run = await cnsctl(['data', 'check', '--data', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`schema: ${dir}/overlays/bad.yaml:8: spec.criteria.service:`);
    expect(run.stdout).toContain(
      `schema: ${dir}/rules/mine.yaml: rule "mine": component "no-such-thing" is not in the registry`,
    );
  });

  it('reports a values key the chart does not have', async () => {
    const charts = await userData({
      'gpu-operator-v25.10.1/values.yaml': 'driver:\n  enabled: true\n',
    });
    const run = await cnsctl(['data', 'check', '--charts', charts]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'values-path: components/gpu-operator/values.yaml: dcgm.enabled is not a values key of chart gpu-operator v25.10.1',
    );
  });

  it('refuses a data directory that does not exist', async () => {
    const run = await cnsctl(['data', 'check', '--data', '/nonexistent/data']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('--data /nonexistent/data: no such directory');
  });
});

describe('cnsctl recipe --data with data that breaks a rule', () => {
  it('keeps the broken rules in metadata.coherenceWarnings and warns on stderr', async () => {
    const dir = await userData({ 'overlays/site-eks-h100-ubuntu-training.yaml': HOST_TOOLKIT });
    const run = await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS, '--data', dir]);
    expect(run.code).toBe(0);
    const recipe = parse(run.stdout) as RecipeResult;
    expect(recipe.metadata.coherenceWarnings?.map((w) => w.rule)).toEqual([
      'volume-mounts-device-list-needs-operator-toolkit',
      'operator-driver-needs-operator-toolkit',
      'toolkit-off-no-toolkit-env',
    ]);
    expect(run.stderr).toMatch(
      /^warning: rule volume-mounts-device-list-needs-operator-toolkit \(gpu-operator toolkit.enabled == false/m,
    );
  });

  it('adds no coherenceWarnings for the embedded data', async () => {
    const run = await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS]);
    expect((parse(run.stdout) as RecipeResult).metadata.coherenceWarnings).toBeUndefined();
  });
});
