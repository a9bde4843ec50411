/**
 * The coherence rules in data/rules hold for every recipe the embedded data can build, every rule applies to
 * some recipe (none is dead), and data that breaks a rule is reported with the query, the rule and the values.
 */
import { describe, expect, it } from 'vitest';
import { buildRecipe } from '../../src/core/recipe/build-recipe.js';
import type { Catalog } from '../../src/core/recipe/catalog.js';
import { checkEveryRecipe, groupQueriesByRecipe } from '../../src/core/recipe/check-recipes.js';
import { componentValues } from '../../src/core/recipe/component-values.js';
import { describeCriteria } from '../../src/core/recipe/criteria.js';
import { applicableCoherenceRules } from '../../src/core/recipe/evaluate-coherence-rules.js';
import { layerCatalogFiles } from '../../src/core/recipe/layer-catalog-files.js';
import { parseCatalog } from '../../src/core/recipe/parse-catalog.js';
import { dataFiles, embeddedCatalog } from './data-under-test.js';

function applicable(data: Catalog): Set<string> {
  const seen = new Set<string>();
  for (const [criteria] of groupQueriesByRecipe(data)) {
    if (!criteria) continue;
    const recipe = buildRecipe(data, { criteria, generatedAt: new Date(0), toolVersion: '' });
    const valuesOf = (name: string) => {
      const ref = recipe.componentRefs.find((r) => r.name === name);
      return ref ? componentValues(data, ref) : {};
    };
    for (const id of applicableCoherenceRules(
      data.rules ?? [],
      { ...recipe, valuesOf },
      data.components,
    ))
      seen.add(id);
  }
  return seen;
}

describe('coherence rules on the embedded data', () => {
  it('are loaded from data/rules', async () => {
    const data = await embeddedCatalog();
    expect((data.rules ?? []).length).toBeGreaterThanOrEqual(20);
  });

  it('hold for the recipe of every criteria combination', async () => {
    const report = checkEveryRecipe(await embeddedCatalog());
    expect(report.queries).toBe(2160);
    expect(report.problems.map((p) => `${describeCriteria(p.criteria)}: ${p.message}`)).toEqual([]);
  });

  it('each apply to at least one recipe (no rule is dead)', async () => {
    const data = await embeddedCatalog();
    const seen = applicable(data);
    expect((data.rules ?? []).map((rule) => rule.id).filter((id) => !seen.has(id))).toEqual([]);
  });
});

describe('data that breaks a rule', () => {
  // A user overlay that turns the operator's toolkit off on EKS Ubuntu training but keeps the demo's
  // volume-mounts device lists (and the toolkit env): the two rules it breaks name the query and values.
  const BROKEN = `apiVersion: cns.nvidia.com/v1alpha1
kind: RecipeOverlay
metadata:
  name: site-eks-h100-ubuntu-training
  description: Host toolkit on our EKS nodes.
spec:
  base: h100-eks-training
  criteria:
    service: eks
    accelerator: h100
    os: ubuntu
    intent: training
  componentRefs:
    - name: gpu-operator
      overrides:
        toolkit:
          enabled: false
`;

  it('is reported with the query, the rule and the values involved', async () => {
    const { files, origin } = layerCatalogFiles(
      await dataFiles(),
      { 'overlays/site-eks-h100-ubuntu-training.yaml': BROKEN },
      'my-data',
    );
    const { problems } = checkEveryRecipe(parseCatalog(files, origin));
    expect(problems.map((p) => [describeCriteria(p.criteria), p.rule])).toEqual(
      expect.arrayContaining([
        [
          'service=eks, accelerator=h100, os=ubuntu, intent=training',
          'volume-mounts-device-list-needs-operator-toolkit',
        ],
        ['service=eks, accelerator=h100, os=ubuntu, intent=training', 'toolkit-off-no-toolkit-env'],
        [
          'service=eks, accelerator=h100, os=ubuntu, intent=training',
          'operator-driver-needs-operator-toolkit',
        ],
      ]),
    );
    const volumeMounts = problems.find(
      (p) => p.rule === 'volume-mounts-device-list-needs-operator-toolkit',
    );
    expect(volumeMounts?.message).toContain(
      'gpu-operator devicePlugin.env[name=DEVICE_LIST_STRATEGY].value != "volume-mounts" (found "volume-mounts")',
    );
    expect(volumeMounts?.message).toContain('gpu-operator toolkit.enabled == false');
  });
});
