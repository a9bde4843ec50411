/**
 * @module Every Helm values key the data sets (values files, overlay overrides, registry scheduling paths)
 * must exist in the chart it targets, at every chart version the overlays pin for that component. The
 * chart for a version is the folder `<chart>-v<version>` of a charts directory, or the folder whose
 * Chart.yaml says that version, or (lenient mode) the folder named like the chart when nothing closer
 * exists. Keys a registry entry lists under `noOpPaths` are kept on purpose and not reported.
 */
import type { Catalog } from './catalog.js';
import { chartKnowsPath, leafPaths, type ChartValuesSource } from './chart-values-index.js';

export interface ChartFolder extends ChartValuesSource {
  /** The folder's name under the charts directory. */
  readonly folder: string;
  /** The chart's name (Chart.yaml `name`, or the folder name without a `-v<version>` suffix). */
  readonly chart: string;
  /** The version the folder name carries (`-v<version>`), if any. */
  readonly folderVersion?: string | undefined;
  /** Chart.yaml `version`, as written (git trees carry placeholders such as 0.0.0). */
  readonly chartYamlVersion?: string | undefined;
}

export interface ValuesKeyUse {
  readonly component: string;
  readonly path: string;
  readonly where: string;
}

export interface ValuesPathProblem {
  readonly component: string;
  readonly version: string;
  readonly where: string;
  readonly message: string;
}

export interface ChartSelection {
  readonly folder?: ChartFolder;
  /** The folder was taken for this version without the folder saying so (lenient mode). */
  readonly assumed: boolean;
}

const sameVersion = (a: string, b: string) => a.replace(/^v/, '') === b.replace(/^v/, '');

/**
 * The chart folder for `chart` at `version`: a `<chart>-v<version>` folder, a folder whose Chart.yaml
 * says the version, a folder the caller knows holds it (`knownVersions`: folder → version, for trees whose
 * Chart.yaml carries a placeholder), or, when `lenient`, the folder named exactly like the chart.
 */
export function selectChartFolder(
  folders: readonly ChartFolder[],
  chart: string,
  version: string,
  options: {
    readonly knownVersions?: Readonly<Record<string, string>>;
    readonly lenient?: boolean;
  } = {},
): ChartSelection {
  const candidates = folders.filter((f) => f.chart === chart);
  const exact =
    candidates.find(
      (f) => f.folderVersion !== undefined && sameVersion(f.folderVersion, version),
    ) ??
    candidates.find((f) => {
      const known = options.knownVersions?.[f.folder];
      return known !== undefined && sameVersion(known, version);
    }) ??
    candidates.find(
      (f) => f.chartYamlVersion !== undefined && sameVersion(f.chartYamlVersion, version),
    );
  if (exact) return { folder: exact, assumed: false };
  const plain = options.lenient ? candidates.find((f) => f.folder === chart) : undefined;
  return plain ? { folder: plain, assumed: true } : { assumed: false };
}

/** Every values key the data sets, with the component and the file or registry field that sets it. */
export function valuesKeyUses(catalog: Catalog): ValuesKeyUse[] {
  const uses: ValuesKeyUse[] = [];
  for (const [file, values] of Object.entries(catalog.values)) {
    const component = file.split('/')[1] ?? '';
    for (const path of leafPaths(values))
      uses.push({ component, path: path.join('.'), where: file });
  }
  for (const overlay of Object.values(catalog.overlays)) {
    for (const ref of overlay.spec.componentRefs) {
      for (const path of leafPaths(ref.overrides ?? {})) {
        uses.push({
          component: ref.name,
          path: path.join('.'),
          where: `overlays/${overlay.metadata.name}.yaml`,
        });
      }
    }
  }
  for (const component of Object.values(catalog.components)) {
    for (const [role, paths] of Object.entries(component.nodeScheduling)) {
      for (const path of [...(paths?.nodeSelectorPaths ?? []), ...(paths?.tolerationPaths ?? [])]) {
        uses.push({
          component: component.name,
          path,
          where: `registry.yaml nodeScheduling.${role}`,
        });
      }
    }
  }
  return uses;
}

/** The chart versions the overlays pin for each component, sorted. */
export function pinnedVersions(catalog: Catalog): Map<string, string[]> {
  const pinned = new Map<string, Set<string>>();
  for (const overlay of Object.values(catalog.overlays)) {
    for (const ref of overlay.spec.componentRefs) {
      if (ref.version === undefined) continue;
      const versions = pinned.get(ref.name) ?? new Set<string>();
      versions.add(ref.version);
      pinned.set(ref.name, versions);
    }
  }
  return new Map([...pinned].map(([name, versions]) => [name, [...versions].sort()]));
}

/** Keys the chart at `folder` does not read, apart from the component's declared no-ops. */
export function unknownValuesPaths(
  catalog: Catalog,
  component: string,
  version: string,
  folder: ChartValuesSource,
): ValuesPathProblem[] {
  const noOps = new Set((catalog.components[component]?.noOpPaths ?? []).map((n) => n.path));
  const problems: ValuesPathProblem[] = [...noOps]
    .filter((path) => chartKnowsPath(folder, path.split('.')))
    .map((path) => ({
      component,
      version,
      where: 'registry.yaml noOpPaths',
      message: `${path} is read by the chart at ${version}: remove it from noOpPaths`,
    }));
  const seen = new Set<string>();
  for (const use of valuesKeyUses(catalog)) {
    if (use.component !== component || noOps.has(use.path)) continue;
    if (chartKnowsPath(folder, use.path.split('.'))) continue;
    const key = `${use.where}\u0000${use.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({
      component,
      version,
      where: use.where,
      message: `${use.path} is not a values key of chart ${catalog.components[component]?.helm.chart ?? component} ${version}`,
    });
  }
  return problems;
}
