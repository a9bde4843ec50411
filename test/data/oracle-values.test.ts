/**
 * Every Helm values key the data sets (values files, overlay overrides, registry scheduling paths) exists in
 * the chart it targets, checked against the real chart values and templates in the oracles folder.
 * Skipped where the oracles (or one chart's folder) are absent, as in CI.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import { readChartOracle, leafPaths, type ChartOracle } from './chart-oracle.js';
import { embeddedCatalog, HAVE_ORACLES, ORACLES } from './data-under-test.js';

/** Component → oracle chart folder and the chart version that folder holds. */
const ORACLE_CHARTS: Readonly<
  Record<string, { readonly folder: string; readonly version: string }>
> = {
  'cert-manager': { folder: 'cert-manager', version: 'v1.17.2' },
  'gpu-operator': { folder: 'gpu-operator', version: 'v25.10.1' },
  nvsentinel: { folder: 'nvsentinel', version: 'v0.6.0' },
  skyhook: { folder: 'skyhook-operator', version: 'v0.13.1' },
  'network-operator': { folder: 'network-operator', version: '25.4.0' },
  'nvidia-dra-driver-gpu': { folder: 'nvidia-dra-driver-gpu', version: '25.8.1' },
  'kube-prometheus-stack': { folder: 'kube-prometheus-stack', version: '82.8.0' },
  'prometheus-adapter': { folder: 'prometheus-adapter', version: '5.3.0' },
};

/**
 * Keys the chart does not read, kept on purpose so the demo's appendix C.1 comes out unchanged; each has
 * its effective twin next to it (data/components/gpu-operator/values.yaml, data/registry.yaml).
 */
const KNOWN_NO_OPS: Readonly<Record<string, readonly string[]>> = {
  'gpu-operator': [
    'daemonsets.nodeSelector',
    'driver.maxParallelUpgrades',
    'driver.useOpenKernelModules',
  ],
};

interface KeyUse {
  readonly component: string;
  readonly path: string;
  readonly where: string;
}

function keyUses(data: Catalog): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const [file, values] of Object.entries(data.values)) {
    const component = file.split('/')[1] ?? '';
    for (const path of leafPaths(values))
      uses.push({ component, path: path.join('.'), where: file });
  }
  for (const overlay of Object.values(data.overlays)) {
    for (const ref of overlay.spec.componentRefs) {
      for (const path of leafPaths(ref.overrides ?? {})) {
        uses.push({
          component: ref.name,
          path: path.join('.'),
          where: `overlays/${overlay.metadata.name}.yaml`,
        });
      }
    }
  }
  for (const component of Object.values(data.components)) {
    for (const [role, paths] of Object.entries(component.nodeScheduling)) {
      for (const path of [...(paths?.nodeSelectorPaths ?? []), ...(paths?.tolerationPaths ?? [])]) {
        uses.push({
          component: component.name,
          path,
          where: `registry.yaml nodeScheduling.${role}`,
        });
      }
    }
  }
  return uses;
}

const oracles = new Map<string, ChartOracle>();
function oracleFor(component: string): ChartOracle | undefined {
  const chart = ORACLE_CHARTS[component];
  if (!chart) return undefined;
  const dir = join(ORACLES, 'charts', chart.folder);
  if (!existsSync(dir)) return undefined;
  let oracle = oracles.get(component);
  if (!oracle) {
    oracle = readChartOracle(dir);
    oracles.set(component, oracle);
  }
  return oracle;
}

describe.skipIf(!HAVE_ORACLES)('values keys against the chart oracles', () => {
  it.each(Object.keys(ORACLE_CHARTS))(
    'every key set for %s exists in its chart, apart from the known no-ops',
    async (component) => {
      const oracle = oracleFor(component);
      if (!oracle) return; // this chart's oracle folder is absent
      const uses = keyUses(await embeddedCatalog()).filter((use) => use.component === component);
      const unknown = uses.filter((use) => !oracle.knows(use.path.split('.')));
      expect(unknown.filter((use) => !(KNOWN_NO_OPS[component] ?? []).includes(use.path))).toEqual(
        [],
      );
      expect([...new Set(unknown.map((use) => use.path))].sort()).toEqual(
        [...(KNOWN_NO_OPS[component] ?? [])].sort(),
      );
    },
  );

  it('checks at least one key of every component that has an oracle', async () => {
    const uses = keyUses(await embeddedCatalog());
    const checked = Object.keys(ORACLE_CHARTS).filter((component) =>
      uses.some((use) => use.component === component),
    );
    expect(checked.sort()).toEqual(Object.keys(ORACLE_CHARTS).sort());
  });

  it('recognises a key the chart does not have (the check is not vacuous)', () => {
    const oracle = oracleFor('gpu-operator');
    if (!oracle) return;
    expect(oracle.knows(['driver', 'version'])).toBe(true);
    expect(oracle.knows(['operator', 'nodeSelector', 'nodeGroup'])).toBe(true);
    expect(oracle.knows(['node-feature-discovery', 'worker', 'nodeSelector'])).toBe(true);
    expect(oracle.knows(['driver', 'verison'])).toBe(false);
    expect(oracle.knows(['dcgmExporter', 'config', 'nmae'])).toBe(false);
  });
});

describe('component versions the oracles were taken at', () => {
  it.each(Object.entries(ORACLE_CHARTS))(
    '%s is pinned to the oracle chart version everywhere',
    async (component, { version }) => {
      const data = await embeddedCatalog();
      const versions = Object.values(data.overlays).flatMap((overlay) =>
        overlay.spec.componentRefs
          .filter((ref) => ref.name === component && ref.version !== undefined)
          .map((ref) => ref.version),
      );
      expect(versions.length).toBeGreaterThan(0);
      expect(new Set(versions)).toEqual(new Set([version]));
    },
  );
});
