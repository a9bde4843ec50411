import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { listOverlays } from './list-overlays.js';
import { parseCatalog } from './parse-catalog.js';

describe('listOverlays', () => {
  const listed = listOverlays(parseCatalog(MINI_CATALOG_FILES));

  it("lists every overlay in the catalog's order", () => {
    expect(listed.map((overlay) => overlay.name)).toEqual([
      'base',
      'eks-training',
      'eks',
      'h100-eks-ubuntu-training',
      'kind',
      'ubuntu-training',
    ]);
  });

  it('gives each overlay its parent and only the criteria it names', () => {
    expect(listed.find((overlay) => overlay.name === 'eks-training')).toEqual({
      name: 'eks-training',
      base: 'eks',
      criteria: { service: 'eks', intent: 'training' },
    });
    expect(listed[0]).toEqual({ name: 'base', criteria: {} });
  });
});
