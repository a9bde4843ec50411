/**
 * Every Helm values key the data sets (values files, overlay overrides, registry scheduling paths) exists in
 * the chart it targets, at every version the overlays pin, checked against the real chart values and
 * templates in ../shared/oracles/charts: the folder `<chart>-v<version>` when present, else the folder whose
 * version is known to be the pinned one. A pinned version without an oracle fails, unless the component is
 * listed as unchecked with a reason. Skipped, with a message, where the oracles folder is absent.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readChartFolders } from '../../src/adapters/charts/read-chart-folders.js';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import { chartKnowsPath } from '../../src/core/recipe/chart-values-index.js';
import {
  pinnedVersions,
  selectChartFolder,
  unknownValuesPaths,
  type ChartFolder,
} from '../../src/core/recipe/check-values-paths.js';
import { embeddedCatalog, HAVE_ORACLES, ORACLES, oracleSuite } from './data-under-test.js';

/**
 * Oracle folders copied from a git tree whose Chart.yaml carries a placeholder version (or none), with the
 * release each holds. source: ../shared/oracles/README.md, "Charts" table.
 */
const KNOWN_VERSIONS: Readonly<Record<string, string>> = {
  'cert-manager': 'v1.17.2', // Chart.template.yaml only (v0.0.0 placeholders)
  'gpu-operator': 'v25.10.1', // Chart.yaml version v1.0.0-devel as committed
  nvsentinel: 'v0.6.0', // Chart.yaml 0.1.0 as committed; the v0.6.0 release commit
  'kai-scheduler': 'v0.13.0', // Chart.yaml 0.0.0 as committed
};

/** Components whose pinned chart has no oracle, and why they stay unchecked. */
const UNCHECKED: Readonly<Record<string, string>> = {
  'dynamo-crds': 'no copy of the ai-dynamo charts (NGC) could be had for ../shared/oracles',
  'dynamo-platform': 'no copy of the ai-dynamo charts (NGC) could be had for ../shared/oracles',
};

let data: Catalog;
let folders: ChartFolder[] = [];

beforeAll(async () => {
  data = await embeddedCatalog();
  if (!HAVE_ORACLES) return;
  const charts = [...new Set(Object.values(data.components).map((c) => c.helm.chart))];
  folders = await readChartFolders(join(ORACLES, 'charts'), charts);
});

function oracleFor(component: string, version: string): ChartFolder | undefined {
  const chart = data.components[component]?.helm.chart ?? component;
  return selectChartFolder(folders, chart, version, { knownVersions: KNOWN_VERSIONS }).folder;
}

describe.skipIf(!HAVE_ORACLES)(oracleSuite('values keys against the chart oracles'), () => {
  it('finds an oracle for every pinned chart version, apart from the unchecked components', () => {
    const missing: string[] = [];
    for (const [component, versions] of pinnedVersions(data)) {
      for (const version of versions) {
        const folder = oracleFor(component, version);
        if (!folder && UNCHECKED[component] === undefined) missing.push(`${component} ${version}`);
        if (folder && UNCHECKED[component] !== undefined)
          missing.push(`${component} ${version} has an oracle now: remove it from UNCHECKED`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('sets only keys the chart reads, at every pinned version, apart from the registry noOpPaths', () => {
    const unknown: string[] = [];
    for (const [component, versions] of pinnedVersions(data)) {
      for (const version of versions) {
        const folder = oracleFor(component, version);
        if (!folder) continue;
        for (const problem of unknownValuesPaths(data, component, version, folder))
          unknown.push(
            `${component} ${version} (${folder.folder}) ${problem.where}: ${problem.message}`,
          );
      }
    }
    expect(unknown).toEqual([]);
  });

  it('picks the versioned folder for a version that has one, and the plain folder for its own', () => {
    expect(oracleFor('aws-efa-k8s-device-plugin', 'v0.5.30')?.folder).toBe(
      'aws-efa-k8s-device-plugin-v0.5.30',
    );
    expect(oracleFor('aws-efa-k8s-device-plugin', 'v0.5.3')?.folder).toBe(
      'aws-efa-k8s-device-plugin',
    );
    expect(oracleFor('nvidia-dra-driver-gpu', '25.12.0')?.folder).toBe(
      'nvidia-dra-driver-gpu-v25.12.0',
    );
    expect(oracleFor('nvsentinel', 'v1.1.0')?.folder).toBe('nvsentinel-v1.1.0');
    expect(oracleFor('gpu-operator', 'v25.3.3')).toBeUndefined();
  });

  it('recognises a key the chart does not have (the check is not vacuous)', () => {
    const gpu = oracleFor('gpu-operator', 'v25.10.1');
    if (!gpu) throw new Error('expected the gpu-operator oracle');
    expect(chartKnowsPath(gpu, ['driver', 'version'])).toBe(true);
    expect(chartKnowsPath(gpu, ['operator', 'nodeSelector', 'nodeGroup'])).toBe(true);
    expect(chartKnowsPath(gpu, ['node-feature-discovery', 'worker', 'nodeSelector'])).toBe(true);
    expect(chartKnowsPath(gpu, ['driver', 'verison'])).toBe(false);
    expect(chartKnowsPath(gpu, ['dcgmExporter', 'config', 'nmae'])).toBe(false);
  });

  it('reports a no-op path the chart does read, so the list stays true', () => {
    const gpu = oracleFor('gpu-operator', 'v25.10.1');
    if (!gpu) throw new Error('expected the gpu-operator oracle');
    const entry = data.components['gpu-operator'];
    if (!entry) throw new Error('expected gpu-operator in the registry');
    const stale: Catalog = {
      ...data,
      components: {
        ...data.components,
        'gpu-operator': {
          ...entry,
          noOpPaths: [...(entry.noOpPaths ?? []), { path: 'driver.version', reason: 'wrong' }],
        },
      },
    };
    expect(
      unknownValuesPaths(stale, 'gpu-operator', 'v25.10.1', gpu).map((p) => p.message),
    ).toEqual(['driver.version is read by the chart at v25.10.1: remove it from noOpPaths']);
  });
});
