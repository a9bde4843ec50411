import { describe, expect, it } from 'vitest';
import { embeddedCatalog } from '../../../test/data/data-under-test.js';
import { listComponents } from './list-components.js';

describe('listComponents', () => {
  it('lists every registry component once, by name', async () => {
    const catalog = await embeddedCatalog();
    const names = listComponents(catalog).map((c) => c.name);
    expect(names).toEqual(Object.keys(catalog.components).sort());
  });

  it("gives the gpu-operator's chart, namespace and the demo's version pinned by base", async () => {
    const gpuOperator = listComponents(await embeddedCatalog()).find(
      (c) => c.name === 'gpu-operator',
    );
    expect(gpuOperator).toMatchObject({
      namespace: 'gpu-operator',
      chart: { repository: 'https://helm.ngc.nvidia.com/nvidia', name: 'gpu-operator' },
    });
    expect(gpuOperator?.versions).toContainEqual({
      version: 'v25.10.1',
      overlays: expect.arrayContaining(['base']) as string[],
    });
  });

  it('names, for each pinned version, exactly the overlays that pin it', async () => {
    const catalog = await embeddedCatalog();
    for (const component of listComponents(catalog)) {
      for (const { version, overlays } of component.versions) {
        const pinning = Object.values(catalog.overlays)
          .filter((o) =>
            o.spec.componentRefs.some((r) => r.name === component.name && r.version === version),
          )
          .map((o) => o.metadata.name)
          .sort();
        expect(overlays).toEqual(pinning);
      }
    }
  });
});
