import { describe, expect, it } from 'vitest';
import { MINI_CATALOG_FILES } from '../../../test/fixtures/mini-catalog.js';
import { checkEveryRecipe, everyCriteria, groupQueriesByRecipe } from './check-recipes.js';
import { parseCatalog } from './parse-catalog.js';

const RULE = `apiVersion: cns.nvidia.com/v1alpha1
kind: CoherenceRules
rules:
  - id: no-rdma-without-driver
    reason: peermem lives in the driver pod
    source: test
    when: [{component: gpu-operator, path: driver.enabled, equals: false}]
    require: [{component: gpu-operator, path: driver.rdma.enabled, notEquals: true}]
`;

describe('checkEveryRecipe', () => {
  it('walks every criteria combination once', () => {
    const criteria = everyCriteria();
    expect(criteria).toHaveLength(6 * 8 * 5 * 3 * 3);
    expect(new Set(criteria.map((c) => JSON.stringify(c))).size).toBe(criteria.length);
  });

  it('builds each distinct recipe once and reports it with its most general query', () => {
    const data = parseCatalog(MINI_CATALOG_FILES);
    const groups = groupQueriesByRecipe(data);
    expect(groups.flat()).toHaveLength(everyCriteria().length);
    const kind = groups.find((group) =>
      group.some((c) => c.service === 'kind' && c.os === 'any' && c.intent === 'any'),
    );
    expect(kind?.length).toBeGreaterThan(1);
    expect(kind?.[0]).toMatchObject({
      service: 'kind',
      accelerator: 'any',
      os: 'any',
      intent: 'any',
      platform: 'any',
    });
  });

  it('reports nothing for coherent data', () => {
    expect(checkEveryRecipe(parseCatalog(MINI_CATALOG_FILES)).problems).toEqual([]);
  });

  it('reports a query whose recipe cannot be built', () => {
    const data = parseCatalog({
      ...MINI_CATALOG_FILES,
      'overlays/kind.yaml': `apiVersion: cns.nvidia.com/v1alpha1
kind: RecipeOverlay
metadata: { name: kind }
spec:
  base: base
  criteria: { service: kind }
  componentRefs:
    - { name: cert-manager, enabled: false }
`,
    });
    const { problems } = checkEveryRecipe(data);
    expect(problems[0]).toMatchObject({ criteria: { service: 'kind' } });
    expect(problems[0]?.message).toMatch(/cert-manager/);
    expect(problems[0]?.rule).toBeUndefined();
  });

  it('reports a broken rule with the query it breaks in', () => {
    const data = parseCatalog({
      ...MINI_CATALOG_FILES,
      'rules/r.yaml': RULE,
      'overlays/kind.yaml': MINI_CATALOG_FILES['overlays/kind.yaml']?.replace(
        '{ driver: { enabled: false } }',
        '{ driver: { enabled: false, rdma: { enabled: true } } }',
      ) as string,
    });
    const { problems } = checkEveryRecipe(data);
    expect(new Set(problems.map((p) => `${p.criteria.service} ${p.rule ?? ''}`))).toEqual(
      new Set(['kind no-rdma-without-driver']),
    );
    expect(problems[0]?.message).toContain('gpu-operator driver.rdma.enabled != true (found true)');
  });
});
