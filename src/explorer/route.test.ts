import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_LIST_FLAGS,
  CRITERIA_KEYS,
  DEPLOYERS,
  VIEWS,
  formatRoute,
  parseRoute,
  type Route,
} from './route.js';

const parse = (url: string) => {
  const { pathname, search } = new URL(url, 'http://cnsd.local');
  return parseRoute(pathname, search);
};

describe('parseRoute', () => {
  it.each([
    ['the root opens the recipe view with any criteria', '/', { view: 'recipe', criteria: {} }],
    [
      'criteria come from the query string; any is the same as absent',
      '/recipe?service=eks&accelerator=h100&os=any',
      { view: 'recipe', criteria: { service: 'eks', accelerator: 'h100' } },
    ],
    [
      'the compare view reads the second recipe from b. parameters',
      '/compare?service=eks&b.service=gke&b.intent=inference',
      {
        view: 'compare',
        criteria: { service: 'eks' },
        other: { service: 'gke', intent: 'inference' },
      },
    ],
    [
      'the values view names its component',
      '/values?service=eks&component=gpu-operator',
      { view: 'values', component: 'gpu-operator' },
    ],
    [
      'an unknown view or deployer falls back to the defaults',
      '/nowhere?deployer=kustomize',
      { view: 'recipe', bundle: expect.objectContaining({ deployer: 'script' }) as unknown },
    ],
  ])('%s', (_name, url, expected) => {
    expect(parse(url)).toMatchObject(expected);
  });

  it('keeps repeated bundle flags in order', () => {
    const route = parse(
      '/recipe?deployer=argocd&set=gpu-operator:driver.version=1&set=skyhook:enabled=false&accelerated-node-selector=pool%3Dgpu',
    );
    expect(route.bundle.deployer).toBe('argocd');
    expect(route.bundle.lists.set).toEqual([
      'gpu-operator:driver.version=1',
      'skyhook:enabled=false',
    ]);
    expect(route.bundle.lists['accelerated-node-selector']).toEqual(['pool=gpu']);
  });
});

describe('formatRoute', () => {
  const text = fc.stringMatching(/^[a-z0-9=:.,/ &?%-]{1,12}$/).filter((v) => v !== 'any');
  const criteria = fc.dictionary(fc.constantFrom(...CRITERIA_KEYS), text);
  const route: fc.Arbitrary<Route> = fc.record({
    view: fc.constantFrom(...VIEWS),
    criteria,
    other: criteria,
    component: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { nil: undefined }),
    bundle: fc.record({
      deployer: fc.constantFrom(...DEPLOYERS),
      lists: fc.record(
        Object.fromEntries(
          BUNDLE_LIST_FLAGS.map((flag) => [flag, fc.array(text, { maxLength: 3 })]),
        ) as Record<(typeof BUNDLE_LIST_FLAGS)[number], fc.Arbitrary<string[]>>,
      ),
    }),
  });

  it('is read back by parseRoute as the same view (what the view does not use is dropped)', () => {
    fc.assert(
      fc.property(route, (r) => {
        const back = parse(formatRoute(r));
        expect(back.view).toBe(r.view);
        expect(back.criteria).toEqual(r.criteria);
        if (r.view === 'compare') expect(back.other).toEqual(r.other);
        if (r.view === 'values') expect(back.component).toBe(r.component);
        if (r.view !== 'compare') expect(back.bundle).toEqual(r.bundle);
        expect(formatRoute(back)).toBe(formatRoute(r));
      }),
    );
  });

  it('writes criteria in a fixed order, so one view has one URL', () => {
    expect(
      formatRoute({
        ...parse('/recipe'),
        criteria: { intent: 'training', service: 'eks', accelerator: 'h100', os: 'ubuntu' },
      }),
    ).toBe('/recipe?service=eks&accelerator=h100&os=ubuntu&intent=training');
  });
});
