/**
 * @module Recipe + catalog + bundle options → the components to bundle, in deployment order, each with
 * its chart, namespace, final Helm values and manifests. Values precedence, lowest first: the
 * component's base values, the recipe's values file, the recipe's overrides (componentValues), then
 * `--set`, then node selectors and tolerations from the flags at every path the registry lists.
 * `--set <component>:enabled=false` drops a component; dropping one that another needs is an error.
 */
import type { Catalog } from '../recipe/catalog.js';
import type { RegistryComponent, SeedDeviations } from '../recipe/catalog-schema.js';
import { componentValues } from '../recipe/component-values.js';
import { nestValue, type Values } from '../recipe/merge-values.js';
import { orderComponents } from '../recipe/order-components.js';
import type { RecipeComponentRef, RecipeResult } from '../recipe/recipe-result.js';
import { mergeValueLayers, type ValuesLayer } from '../recipe/values-layer.js';
import { CnsError } from '../shared/errors.js';
import { sortKeysDeep } from '../shared/serialize.js';
import type { BundleOptions, NodePlacement, ValueSetting } from './bundle-options.js';
import { readManifest, type BundleManifest } from './read-manifest.js';

export interface BundleComponent {
  readonly name: string;
  readonly displayName: string;
  readonly description?: string | undefined;
  readonly chart: string;
  /** `https://…` (a chart repository) or `oci://…` (a registry path; the chart is below it). */
  readonly repository: string;
  readonly version: string;
  readonly namespace: string;
  /** 0-based position in the deployment order (Argo CD's sync wave). */
  readonly position: number;
  readonly dependencyRefs: readonly string[];
  readonly values: Values;
  readonly manifests: readonly BundleManifest[];
}

export interface BundlePlan {
  readonly recipe: RecipeResult;
  readonly components: readonly BundleComponent[];
  readonly options: BundleOptions;
  readonly seedDeviations?: SeedDeviations | undefined;
}

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOKEN = /^[A-Za-z0-9._+-]+$/;
const REPOSITORY = /^(https?|oci):\/\/[^\s'"`$\\]+$/;

/** A recipe component the bundle keeps, with the values its bundle flags set, lowest first. */
export interface FlaggedComponent {
  readonly ref: RecipeComponentRef;
  readonly flags: readonly ValuesLayer[];
}

export function planBundle(
  recipe: RecipeResult,
  catalog: Catalog,
  options: BundleOptions,
): BundlePlan {
  const components = flagComponents(recipe, catalog, options).map(({ ref, flags }, position) =>
    planComponent(ref, position, catalog, flags),
  );
  return { recipe, components, options, seedDeviations: catalog.seedDeviations };
}

/**
 * The components the bundle keeps, in deployment order, each with its `--set` values (aliases
 * resolved) then its node selectors and tolerations at every path the registry lists.
 */
export function flagComponents(
  recipe: RecipeResult,
  catalog: Catalog,
  options: BundleOptions,
): FlaggedComponent[] {
  const refs = orderedRefs(recipe);
  const byAlias = aliasIndex(refs, catalog);
  const settings = options.settings.map((setting) => ({
    setting,
    component: resolveComponent(setting, byAlias, refs),
  }));
  const removed = new Set(
    settings
      .filter(({ setting }) => isEnabledSetting(setting) && setting.value === false)
      .map(({ component }) => component),
  );
  for (const ref of refs) {
    if (removed.has(ref.name)) continue;
    const needed = (ref.dependencyRefs ?? []).find((dependency) => removed.has(dependency));
    if (needed !== undefined) {
      throw new CnsError(
        'USAGE',
        `--set ${needed}:enabled=false: ${ref.name} depends on ${needed}; also remove it (--set ${ref.name}:enabled=false) or keep ${needed}`,
        { details: { removed: needed, dependent: ref.name } },
      );
    }
  }
  const kept = refs.filter((ref) => !removed.has(ref.name));
  if (kept.length === 0) {
    throw new CnsError(
      'USAGE',
      '--set leaves every component of the recipe out: nothing to bundle',
      {
        details: { removed: [...removed] },
      },
    );
  }
  return kept.map((ref) => {
    const registry = catalog.components[ref.name];
    const own = settings
      .filter(({ component, setting }) => component === ref.name && !isEnabledSetting(setting))
      .map(({ setting }) => setting);
    return {
      ref,
      flags: [
        ...own.map(settingLayer),
        ...placementLayers(registry, 'system', options.system),
        ...placementLayers(registry, 'accelerated', options.accelerated),
      ],
    };
  });
}

function planComponent(
  ref: RecipeComponentRef,
  position: number,
  catalog: Catalog,
  flags: readonly ValuesLayer[],
): BundleComponent {
  const registry = catalog.components[ref.name];
  const chart = ref.chart ?? registry?.helm.chart;
  const repository = ref.source ?? registry?.helm.repository;
  const namespace = ref.namespace ?? registry?.namespace;
  const field = (name: string, value: string | undefined, pattern: RegExp): string => {
    if (value !== undefined && pattern.test(value)) return value;
    throw new CnsError(
      'INPUT_SCHEMA',
      `recipe component "${ref.name}": ${value === undefined ? `no ${name}, and the recipe data has none for it (pass --data with a registry entry)` : `${name} "${value}" is not valid`}`,
      { details: { component: ref.name, field: name, value } },
    );
  };
  const values = mergeValueLayers(flags, componentValues(catalog, ref));
  return {
    name: ref.name,
    displayName: registry?.displayName ?? ref.name,
    description: registry?.description,
    chart: field('chart', chart, TOKEN),
    repository: field('source', repository, REPOSITORY),
    version: field('version', ref.version, TOKEN),
    namespace: field('namespace', namespace, NAME),
    position,
    dependencyRefs: [...(ref.dependencyRefs ?? [])],
    values: sortKeysDeep(values),
    manifests: (ref.manifestFiles ?? []).map((path) => {
      const text = catalog.manifests[path];
      if (text === undefined) {
        throw new CnsError(
          'NOT_FOUND',
          `recipe component "${ref.name}": manifest ${path} is not in the recipe data (embedded or --data)`,
          { details: { component: ref.name, manifest: path } },
        );
      }
      return readManifest(path, text);
    }),
  };
}

function settingLayer(setting: ValueSetting): ValuesLayer {
  return {
    kind: 'bundle-flag',
    source: setting.flag,
    values: nestValue(setting.path, setting.value),
  };
}

function placementLayers(
  registry: RegistryComponent | undefined,
  role: 'system' | 'accelerated',
  placement: NodePlacement,
): ValuesLayer[] {
  const paths = registry?.nodeScheduling[role];
  const layer = (flag: string, path: string, value: unknown): ValuesLayer => ({
    kind: 'bundle-flag',
    source: `--${role}-node-${flag}`,
    values: nestValue(path.split('.'), value),
  });
  return [
    ...(Object.keys(placement.nodeSelector).length > 0 ? (paths?.nodeSelectorPaths ?? []) : []).map(
      (path) => layer('selector', path, placement.nodeSelector),
    ),
    ...(placement.tolerations.length > 0 ? (paths?.tolerationPaths ?? []) : []).map((path) =>
      layer('toleration', path, placement.tolerations),
    ),
  ];
}

/** The recipe's components in its deployment order (computed when an older recipe lacks one). */
function orderedRefs(recipe: RecipeResult): RecipeComponentRef[] {
  for (const [index, ref] of recipe.componentRefs.entries()) {
    if (!NAME.test(ref.name)) {
      throw new CnsError(
        'INPUT_SCHEMA',
        `recipe componentRefs[${index}].name "${ref.name}" is not a component name (lower-case letters, digits, dashes)`,
        { details: { index, name: ref.name } },
      );
    }
  }
  const byName = new Map(recipe.componentRefs.map((ref) => [ref.name, ref]));
  const order =
    recipe.deploymentOrder.length > 0
      ? recipe.deploymentOrder
      : orderComponents(recipe.componentRefs);
  const sameSet =
    order.length === byName.size &&
    new Set(order).size === order.length &&
    order.every((name) => byName.has(name));
  if (!sameSet) {
    throw new CnsError(
      'INPUT_SCHEMA',
      `recipe deploymentOrder (${order.join(', ')}) must name each component of componentRefs (${[...byName.keys()].join(', ')}) once`,
      { details: { deploymentOrder: order, components: [...byName.keys()] } },
    );
  }
  return order.map((name) => byName.get(name) as RecipeComponentRef);
}

function aliasIndex(refs: readonly RecipeComponentRef[], catalog: Catalog): Map<string, string> {
  const index = new Map<string, string>();
  for (const ref of refs) {
    for (const alias of catalog.components[ref.name]?.setAliases ?? []) index.set(alias, ref.name);
  }
  for (const ref of refs) index.set(ref.name, ref.name);
  return index;
}

function resolveComponent(
  setting: ValueSetting,
  byAlias: ReadonlyMap<string, string>,
  refs: readonly RecipeComponentRef[],
): string {
  const name = byAlias.get(setting.component);
  if (name === undefined) {
    throw new CnsError(
      'USAGE',
      `${setting.flag}: no component "${setting.component}" in this recipe; use one of ${refs.map((ref) => ref.name).join(', ')}`,
      { details: { component: setting.component, components: refs.map((ref) => ref.name) } },
    );
  }
  if (isEnabledSetting(setting) && typeof setting.value !== 'boolean') {
    throw new CnsError('USAGE', `${setting.flag}: enabled takes true or false`, {
      details: { component: name },
    });
  }
  return name;
}

function isEnabledSetting(setting: ValueSetting): boolean {
  return setting.path.length === 1 && setting.path[0] === 'enabled';
}
