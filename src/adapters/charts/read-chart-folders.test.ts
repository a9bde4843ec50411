import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCnsError } from '../../core/shared/errors.js';
import { readChartFolders } from './read-chart-folders.js';

async function chartsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cnsctl-charts-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('readChartFolders', () => {
  it('reads the folders of the charts asked for, with versions, subcharts and template paths', async () => {
    const dir = await chartsDir({
      'gpu-operator/Chart.yaml': 'name: gpu-operator\nversion: v1.0.0-devel\n',
      'gpu-operator/values.yaml': 'driver:\n  enabled: true\n',
      'gpu-operator/charts/node-feature-discovery/values.yaml': 'worker: {}\n',
      'gpu-operator/template-values.json':
        '{"paths": [{"path": ["cdi", "default"], "free": false}]}',
      'efa-v0.5.30/Chart.yaml': 'name: aws-efa-k8s-device-plugin\nversion: v0.5.30\n',
      'aws-efa-k8s-device-plugin-v0.5.30/values.yaml': 'tolerations: []\n',
      'cert-manager/values.yaml': 'crds: {enabled: false}\n',
      'other/values.yaml': 'x: 1\n',
    });
    const folders = await readChartFolders(dir, [
      'gpu-operator',
      'aws-efa-k8s-device-plugin',
      'cert-manager',
    ]);
    expect(folders.map((f) => [f.folder, f.chart, f.folderVersion, f.chartYamlVersion])).toEqual([
      ['aws-efa-k8s-device-plugin-v0.5.30', 'aws-efa-k8s-device-plugin', '0.5.30', undefined],
      ['cert-manager', 'cert-manager', undefined, undefined],
      ['efa-v0.5.30', 'aws-efa-k8s-device-plugin', undefined, 'v0.5.30'],
      ['gpu-operator', 'gpu-operator', undefined, 'v1.0.0-devel'],
    ]);
    const gpu = folders.find((f) => f.chart === 'gpu-operator');
    expect(gpu?.subcharts).toEqual([{ key: ['node-feature-discovery'], values: { worker: {} } }]);
    expect(gpu?.templatePaths).toEqual([{ path: ['cdi', 'default'], free: false }]);
  });

  it('reports a missing directory as NOT_FOUND and broken YAML with its line', async () => {
    await expect(readChartFolders('/nonexistent/charts', ['x'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const dir = await chartsDir({ 'x/values.yaml': 'a: 1\na: 2\n' });
    const error: unknown = await readChartFolders(dir, ['x']).catch((e: unknown) => e);
    expect(isCnsError(error) && error.code).toBe('INPUT_YAML');
    expect(isCnsError(error) && error.details.line).toBe(2);
  });
});
