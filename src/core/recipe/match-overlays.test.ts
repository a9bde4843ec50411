// Matching as docs/recipe-engine.md §2 states it: an overlay field that is absent or `any` admits every
// query value; a query value `any` is admitted only by an overlay that leaves the field open.
import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../shared/documents.js';
import type { Catalog } from './catalog.js';
import type { Overlay, OverlayCriteria } from './catalog-schema.js';
import { parseCriteria, type LooseCriteria } from './criteria.js';
import { matchOverlays, overlayMatches, overlaySpecificity } from './match-overlays.js';

function overlay(name: string, criteria: OverlayCriteria, base?: string): Overlay {
  return {
    apiVersion: API_VERSION,
    kind: 'RecipeOverlay',
    metadata: { name },
    spec: { ...(base ? { base } : {}), criteria, constraints: [], componentRefs: [] },
  };
}

describe('overlayMatches', () => {
  it.each<[string, OverlayCriteria, LooseCriteria, boolean]>([
    [
      'an overlay with no criteria matches a full query',
      {},
      { service: 'eks', os: 'ubuntu' },
      true,
    ],
    ['an overlay with no criteria matches the query of any', {}, {}, true],
    [
      'an absent overlay field admits any query value',
      { service: 'eks' },
      { service: 'eks', accelerator: 'h100' },
      true,
    ],
    [
      'an explicit any in the overlay admits a set query value',
      { accelerator: 'any' },
      { accelerator: 'h100' },
      true,
    ],
    [
      'an explicit any in the overlay admits a query of any',
      { accelerator: 'any' },
      { accelerator: 'any' },
      true,
    ],
    [
      'an explicit any in the overlay admits an absent query value',
      { service: 'any', os: 'any' },
      {},
      true,
    ],
    [
      'an explicit any in the query is admitted by an overlay that leaves the field open',
      {},
      { accelerator: 'any' },
      true,
    ],
    [
      'an explicit any in the query is not admitted by an overlay that sets the field',
      { accelerator: 'h100' },
      { accelerator: 'any' },
      false,
    ],
    [
      'an absent query value is not admitted by an overlay that sets the field',
      { service: 'eks' },
      {},
      false,
    ],
    [
      'a set value matches the same query value',
      { service: 'eks', intent: 'training' },
      { service: 'eks', intent: 'training' },
      true,
    ],
    [
      'a set value does not match another query value',
      { service: 'eks' },
      { service: 'gke' },
      false,
    ],
    [
      'every set field must match, not just one',
      { service: 'eks', os: 'ubuntu' },
      { service: 'eks', os: 'rhel' },
      false,
    ],
    [
      'an explicit any beside a set field still needs the set field',
      { service: 'eks', os: 'any' },
      { service: 'gke', os: 'ubuntu' },
      false,
    ],
    [
      'an explicit any beside a matching set field matches',
      { service: 'eks', os: 'any' },
      { service: 'eks', os: 'ubuntu' },
      true,
    ],
    [
      'the platform dimension counts like the others',
      { platform: 'dynamo' },
      { platform: 'kubeflow' },
      false,
    ],
  ])('%s', (_sentence, criteria, query, matches) => {
    expect(overlayMatches(overlay('o', criteria), parseCriteria(query))).toBe(matches);
  });
});

describe('overlaySpecificity', () => {
  it.each<[string, OverlayCriteria, number]>([
    ['no criteria', {}, 0],
    [
      'explicit any in every field',
      { service: 'any', accelerator: 'any', os: 'any', intent: 'any', platform: 'any' },
      0,
    ],
    ['one set field beside an explicit any', { service: 'eks', os: 'any' }, 1],
    [
      'every field set',
      { service: 'eks', accelerator: 'h100', os: 'ubuntu', intent: 'training', platform: 'dynamo' },
      5,
    ],
  ])('counts %s as %i', (_sentence, criteria, count) => {
    expect(overlaySpecificity(overlay('o', criteria))).toBe(count);
  });
});

describe('matchOverlays', () => {
  const catalogOf = (...overlays: Overlay[]): Catalog => ({
    components: {},
    overlays: Object.fromEntries(overlays.map((o) => [o.metadata.name, o])),
    values: {},
    manifests: {},
  });
  const names = (catalog: Catalog, query: LooseCriteria) =>
    matchOverlays(catalog, parseCriteria(query)).map((o) => o.metadata.name);

  it('orders an explicit-any overlay with the unset ones: any sets nothing', () => {
    const catalog = catalogOf(
      overlay('base', {}),
      overlay('a-eks', { service: 'eks' }, 'base'),
      overlay('z-open', { service: 'any', accelerator: 'any' }, 'base'),
    );
    expect(names(catalog, { service: 'eks' })).toEqual(['base', 'z-open', 'a-eks']);
  });

  it('brings in the ancestors of a matched overlay even when they do not match themselves', () => {
    const catalog = catalogOf(
      overlay('base', {}),
      overlay('eks', { service: 'eks' }, 'base'),
      overlay('eks-h100', { service: 'eks', accelerator: 'h100' }, 'eks'),
      overlay('gke', { service: 'gke' }, 'base'),
    );
    expect(names(catalog, { service: 'eks', accelerator: 'h100' })).toEqual([
      'base',
      'eks',
      'eks-h100',
    ]);
  });

  it('places a parent before its child even when the child has fewer set fields', () => {
    const catalog = catalogOf(
      overlay('base', {}),
      overlay('eks-h100', { service: 'eks', accelerator: 'h100' }, 'base'),
      overlay('h100-tuned', { accelerator: 'h100' }, 'eks-h100'),
    );
    expect(names(catalog, { service: 'eks', accelerator: 'h100' })).toEqual([
      'base',
      'eks-h100',
      'h100-tuned',
    ]);
  });

  it('breaks ties between equally specific overlays by name, not by catalog order', () => {
    const catalog = catalogOf(
      overlay('base', {}),
      overlay('training', { intent: 'training' }, 'base'),
      overlay('eks', { service: 'eks' }, 'base'),
    );
    expect(names(catalog, { service: 'eks', intent: 'training' })).toEqual([
      'base',
      'eks',
      'training',
    ]);
  });
});
