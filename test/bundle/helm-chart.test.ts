/**
 * The helm deployer's umbrella chart, run through a real helm binary: `helm lint --strict` and
 * `helm template`. The component charts cannot be fetched here, so each dependency is stood in for by a
 * chart of the same name and version that carries the real chart's values.yaml and values.schema.json
 * from ../shared/oracles (when there) and renders the values it receives as JSON: the test then sees
 * exactly what each chart would get, after Helm's own YAML reading and schema validation.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writeTreeToDirectory } from '../../src/adapters/output/write-tree-to-directory.js';
import { getValueAtPath, isValuesObject, type Values } from '../../src/core/recipe/merge-values.js';
import { parseCatalog } from '../../src/core/recipe/parse-catalog.js';
import type { MadeBundle } from '../../src/actions/bundle/make-bundle.js';
import { MINI_CATALOG_FILES } from '../fixtures/mini-catalog.js';
import { leafPaths } from '../../src/core/recipe/chart-values-index.js';
import { recipeFor } from '../data/data-under-test.js';
import { bundleOf, demoBundle } from './bundle-fixtures.js';
import { ORACLES } from './schema-oracle.js';
import { findTool, INSTALL_HINT, runTool } from './tools.js';

const helm = findTool('helm');

const STUB_TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Chart.Name }}-received-values
data:
  values.json: {{ toJson .Values | quote }}
`;

/** Writes the bundle and a stand-in for each dependency into charts/. */
async function chartDir(bundle: MadeBundle): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'cnsctl-helm-')), 'bundle');
  await writeTreeToDirectory(bundle.tree, dir, { processId: process.pid });
  for (const component of bundle.plan.components) {
    const stub = join(dir, 'charts', component.chart);
    mkdirSync(join(stub, 'templates'), { recursive: true });
    writeFileSync(
      join(stub, 'Chart.yaml'),
      `apiVersion: v2\nname: ${component.chart}\nversion: ${component.version}\n`,
    );
    writeFileSync(join(stub, 'templates', 'received-values.yaml'), STUB_TEMPLATE);
    for (const file of ['values.yaml', 'values.schema.json']) {
      const real = join(ORACLES, 'charts', component.chart, file);
      if (existsSync(real)) copyFileSync(real, join(stub, file));
    }
  }
  return dir;
}

function template(dir: string, ...args: string[]): Record<string, unknown>[] {
  const result = runTool(helm as string, [
    'template',
    'cns-bundle',
    dir,
    '--namespace',
    'cns-system',
    ...args,
  ]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).not.toContain('{{');
  return result.stdout
    .split(/^---$/m)
    .map((doc) => parse(doc) as unknown)
    .filter(isValuesObject);
}

/** What the dependency named `key` (its alias where it has one) received. */
function receivedValues(objects: readonly Record<string, unknown>[], key: string): Values {
  const map = objects.find((o) => (o.metadata as Values).name === `${key}-received-values`);
  if (!map) throw new Error(`dependency ${key} rendered nothing`);
  return JSON.parse((map.data as Record<string, string>)['values.json'] as string) as Values;
}

describe.skipIf(!helm)('the umbrella chart under real helm', () => {
  it('passes helm lint --strict', async () => {
    const dir = await chartDir(await demoBundle('helm'));
    const result = runTool(helm as string, ['lint', '--strict', dir]);
    expect(result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.status).toBe(0);
  });

  it('hands every component exactly its values, under its key, and renders its manifests', async () => {
    const bundle = await demoBundle('helm');
    const objects = template(await chartDir(bundle));
    for (const component of bundle.plan.components) {
      const received = receivedValues(objects, component.name);
      for (const path of leafPaths(component.values))
        expect(getValueAtPath(received, path), `${component.name}: ${path.join('.')}`).toEqual(
          getValueAtPath(component.values, path),
        );
      for (const manifest of component.manifests)
        for (const object of manifest.objects)
          expect(
            objects.some(
              (o) => o.kind === object.kind && (o.metadata as Values).name === object.name,
            ),
          ).toBe(true);
    }
  });

  it('reads back YAML 1.1 look-alikes as the strings they are (on, y, no, 0755, 12:30, ...)', async () => {
    const tricky = [
      'on',
      'off',
      'y',
      'n',
      'yes',
      'no',
      'NO',
      '0755',
      '0x1F',
      '1e3',
      '12:30',
      '1_000',
      '.inf',
      '~',
      'null',
      '1.30',
      '24.04',
      '=',
      '<<',
    ];
    const bundle = await demoBundle('helm', {
      set: tricky
        .map((value, index) => `gpu-operator:probe.k${index}="${value}"`)
        .concat('gpu-operator:probe.y=yes-key'),
    });
    const received = receivedValues(template(await chartDir(bundle)), 'gpu-operator');
    expect(received.probe).toEqual({
      ...Object.fromEntries(tricky.map((value, index) => [`k${index}`, value])),
      y: 'yes-key',
    });
  });

  it('leaves out a component and its manifests when <component>.enabled is false', async () => {
    const bundle = await demoBundle('helm');
    const objects = template(await chartDir(bundle), '--set', 'gpu-operator.enabled=false');
    expect(
      objects.some((o) => (o.metadata as Values).name === 'gpu-operator-received-values'),
    ).toBe(false);
    expect(objects.some((o) => (o.metadata as Values).name === 'kernel-module-params')).toBe(false);
    expect(
      objects.some((o) => (o.metadata as Values).name === 'cert-manager-received-values'),
    ).toBe(true);
  });

  it('prints template markers inside a manifest as they are', async () => {
    const marker = 'literal {{ .Values.notTemplated }} text';
    const catalog = parseCatalog({
      ...MINI_CATALOG_FILES,
      'components/gpu-operator/manifests/dcgm-exporter.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: dcgm-exporter }\ndata: { note: "${marker}" }\n`,
    });
    const recipe = recipeFor(catalog, {
      service: 'eks',
      accelerator: 'h100',
      os: 'ubuntu',
      intent: 'training',
    });
    const bundle = await bundleOf(recipe, { deployer: 'helm' }, catalog);
    const result = runTool(helm as string, ['template', 'x', await chartDir(bundle)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(marker);
  });
});

it.skipIf(Boolean(helm))(`helm chart checks skipped: no helm binary (${INSTALL_HINT})`, () => {
  expect(helm).toBeUndefined();
});
