import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { isCnsError } from '../shared/errors.js';
import { layerCatalogFiles } from './layer-catalog-files.js';
import { parseCatalog } from './parse-catalog.js';

describe('layerCatalogFiles', () => {
  it('replaces files by path and adds new ones', () => {
    const layered = layerCatalogFiles(
      MINI_CATALOG_FILES,
      {
        'components/gpu-operator/values.yaml': 'driver: {enabled: false}\n',
        'overlays/new.yaml': 'x',
      },
      'mine',
    );
    expect(layered['components/gpu-operator/values.yaml']).toBe('driver: {enabled: false}\n');
    expect(layered['overlays/new.yaml']).toBe('x');
    expect(layered['overlays/base.yaml']).toBe(MINI_CATALOG_FILES['overlays/base.yaml']);
  });

  it('merges the registry by component name', () => {
    const user = `
apiVersion: cns.nvidia.com/v1alpha1
kind: ComponentRegistry
components:
  - name: skyhook
    displayName: Skyhook (mirror)
    helm: { repository: oci://mirror.example.invalid/skyhook, chart: skyhook-operator }
    namespace: skyhook
  - name: extra
    displayName: extra
    helm: { repository: https://example.invalid/charts, chart: extra }
    namespace: extra
`;
    const layered = layerCatalogFiles(MINI_CATALOG_FILES, { 'registry.yaml': user }, 'mine');
    const names = (
      parse(layered['registry.yaml'] ?? '') as { components: { name: string }[] }
    ).components.map((c) => c.name);
    expect(names).toEqual(['cert-manager', 'gpu-operator', 'skyhook', 'zeta', 'extra']);
    const catalog = parseCatalog(layered);
    expect(catalog.components.skyhook?.helm.repository).toBe(
      'oci://mirror.example.invalid/skyhook',
    );
    expect(catalog.components['gpu-operator']?.valuesFile).toBe(
      'components/gpu-operator/values.yaml',
    );
  });

  it('reports a malformed user registry with its file and line', () => {
    try {
      layerCatalogFiles(
        MINI_CATALOG_FILES,
        { 'registry.yaml': 'components:\n  - name: [unclosed\n' },
        'mine',
      );
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('BAD_DATA');
      expect(isCnsError(error) && error.details.problems).toEqual([
        expect.objectContaining({ file: 'mine/registry.yaml' }),
      ]);
    }
  });
});
