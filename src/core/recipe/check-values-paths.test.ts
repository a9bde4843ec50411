import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import {
  pinnedVersions,
  selectChartFolder,
  unknownValuesPaths,
  valuesKeyUses,
  type ChartFolder,
} from './check-values-paths.js';
import { chartKnowsPath } from './chart-values-index.js';
import { parseCatalog } from './parse-catalog.js';

function folder(name: string, chart: string, extra: Partial<ChartFolder> = {}): ChartFolder {
  return { folder: name, chart, values: {}, subcharts: [], templatePaths: [], ...extra };
}

const FOLDERS: ChartFolder[] = [
  folder('gpu-operator', 'gpu-operator', { chartYamlVersion: 'v1.0.0-devel' }),
  folder('efa', 'aws-efa-k8s-device-plugin', { chartYamlVersion: 'v0.5.3' }),
  folder('aws-efa-k8s-device-plugin-v0.5.30', 'aws-efa-k8s-device-plugin', {
    folderVersion: '0.5.30',
    chartYamlVersion: 'v0.5.30',
  }),
  folder('dra-v25.12.0', 'nvidia-dra-driver-gpu', { folderVersion: '25.12.0' }),
];

describe('selectChartFolder', () => {
  it.each([
    [
      'a versioned folder, v prefix or not',
      'aws-efa-k8s-device-plugin',
      'v0.5.30',
      {},
      'aws-efa-k8s-device-plugin-v0.5.30',
    ],
    ['a folder whose Chart.yaml says the version', 'aws-efa-k8s-device-plugin', '0.5.3', {}, 'efa'],
    ['nothing for a version no folder holds', 'aws-efa-k8s-device-plugin', 'v0.5.4', {}, undefined],
    [
      'a folder the caller knows the version of',
      'gpu-operator',
      'v25.10.1',
      { knownVersions: { 'gpu-operator': 'v25.10.1' } },
      'gpu-operator',
    ],
    [
      'nothing for a placeholder Chart.yaml in strict mode',
      'gpu-operator',
      'v25.10.1',
      {},
      undefined,
    ],
    [
      'the plain folder in lenient mode',
      'gpu-operator',
      'v25.10.1',
      { lenient: true },
      'gpu-operator',
    ],
    ['no other chart’s folder', 'nvsentinel', 'v0.6.0', { lenient: true }, undefined],
  ])('picks %s', (_name, chart, version, options, expected) => {
    expect(selectChartFolder(FOLDERS, chart, version, options).folder?.folder).toBe(expected);
  });

  it('says when lenient mode took a folder without its version', () => {
    expect(selectChartFolder(FOLDERS, 'gpu-operator', 'v25.10.1', { lenient: true }).assumed).toBe(
      true,
    );
    expect(
      selectChartFolder(FOLDERS, 'nvidia-dra-driver-gpu', '25.12.0', { lenient: true }).assumed,
    ).toBe(false);
  });
});

describe('chartKnowsPath', () => {
  const chart = {
    values: { driver: { enabled: true }, global: { a: 1 } },
    subcharts: [{ key: ['nfd'], values: { worker: { nodeSelector: {} }, global: { b: 1 } } }],
    templatePaths: [
      { path: ['operator', 'nodeSelector'], free: true },
      { path: ['cdi', 'default'], free: false },
    ],
  };

  it.each([
    [['driver', 'enabled'], true],
    [['driver', 'version'], false],
    [['nfd', 'worker', 'nodeSelector'], true],
    [['global', 'b'], true],
    [['operator', 'nodeSelector', 'pool'], true],
    [['cdi', 'default'], true],
    [['cdi', 'default', 'x'], false],
  ])('reads %j: %s', (path, known) => {
    expect(chartKnowsPath(chart, path)).toBe(known);
  });
});

describe('values keys of the data', () => {
  const data = parseCatalog(MINI_CATALOG_FILES);

  it('come from values files, overrides and scheduling paths, with where they are set', () => {
    const uses = valuesKeyUses(data).filter((use) => use.component === 'gpu-operator');
    expect(uses).toContainEqual({
      component: 'gpu-operator',
      path: 'driver.rdma.enabled',
      where: 'overlays/eks-training.yaml',
    });
    expect(uses).toContainEqual({
      component: 'gpu-operator',
      path: 'driver.useOpenKernelModules',
      where: 'components/gpu-operator/values-eks-training.yaml',
    });
  });

  it('are checked at every pinned version', () => {
    expect(pinnedVersions(data).get('gpu-operator')).toEqual(['v25.10.1']);
  });

  it('are reported where the chart lacks them', () => {
    const chart = folder('gpu-operator', 'gpu-operator', {
      values: {
        driver: { enabled: false, version: '', rdma: { enabled: false } },
        operator: { resources: { limits: { cpu: '' } } },
      },
    });
    expect(unknownValuesPaths(data, 'gpu-operator', 'v25.10.1', chart)).toEqual([
      {
        component: 'gpu-operator',
        version: 'v25.10.1',
        where: 'components/gpu-operator/values-eks-training.yaml',
        message: 'driver.useOpenKernelModules is not a values key of chart gpu-operator v25.10.1',
      },
    ]);
  });
});
