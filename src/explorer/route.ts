/**
 * @module The explorer's URL: which view, the criteria (and, to compare, the second criteria set), the
 * component whose values are open, and the bundle options, all in the path and query string, so a
 * pasted link reproduces the view. Parameter names are cnsctl's flag names. Pure: parse and format
 * are inverse to each other (tested).
 */

export const VIEWS = ['recipe', 'values', 'compare', 'snapshot'] as const;
export type View = (typeof VIEWS)[number];

export const CRITERIA_KEYS = [
  'service',
  'accelerator',
  'os',
  'intent',
  'platform',
  'nodes',
] as const;
export type CriteriaKey = (typeof CRITERIA_KEYS)[number];
/** Criteria as chosen in the page; a key left out means any. */
export type Criteria = Partial<Record<CriteriaKey, string>>;

export const DEPLOYERS = ['script', 'argocd', 'flux', 'helm'] as const;
export type Deployer = (typeof DEPLOYERS)[number];

/** The bundle command's repeatable flags, by name, in the order given. */
export const BUNDLE_LIST_FLAGS = [
  'system-node-selector',
  'system-node-toleration',
  'accelerated-node-selector',
  'accelerated-node-toleration',
  'set',
] as const;
export type BundleListFlag = (typeof BUNDLE_LIST_FLAGS)[number];

export interface BundleChoice {
  readonly deployer: Deployer;
  readonly lists: Readonly<Record<BundleListFlag, readonly string[]>>;
}

export interface Route {
  readonly view: View;
  readonly criteria: Criteria;
  /** The second recipe of the compare view. */
  readonly other: Criteria;
  /** The component whose values the values view shows. */
  readonly component?: string | undefined;
  readonly bundle: BundleChoice;
}

export const DEFAULT_DEPLOYER: Deployer = 'script';
const OTHER_PREFIX = 'b.';

export function emptyLists(): Record<BundleListFlag, string[]> {
  return Object.fromEntries(BUNDLE_LIST_FLAGS.map((flag) => [flag, []])) as unknown as Record<
    BundleListFlag,
    string[]
  >;
}

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const name = pathname.replace(/^\/+|\/+$/g, '');
  const view = (VIEWS as readonly string[]).includes(name) ? (name as View) : 'recipe';
  const criteriaFrom = (prefix: string): Criteria => {
    const criteria: Criteria = {};
    for (const key of CRITERIA_KEYS) {
      const value = params.get(prefix + key);
      if (value !== null && value !== '' && value !== 'any') criteria[key] = value;
    }
    return criteria;
  };
  const deployer = params.get('deployer');
  const lists = emptyLists();
  for (const flag of BUNDLE_LIST_FLAGS)
    lists[flag] = params.getAll(flag).filter((value) => value !== '');
  return {
    view,
    criteria: criteriaFrom(''),
    other: criteriaFrom(OTHER_PREFIX),
    component: params.get('component') || undefined,
    bundle: {
      deployer: (DEPLOYERS as readonly string[]).includes(deployer ?? '')
        ? (deployer as Deployer)
        : DEFAULT_DEPLOYER,
      lists,
    },
  };
}

/** The path and query string of a route; only what differs from the defaults is written. */
export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  const addCriteria = (criteria: Criteria, prefix: string) => {
    for (const key of CRITERIA_KEYS) {
      const value = criteria[key];
      if (value !== undefined && value !== '' && value !== 'any')
        params.append(prefix + key, value);
    }
  };
  addCriteria(route.criteria, '');
  if (route.view === 'compare') addCriteria(route.other, OTHER_PREFIX);
  if (route.view === 'values' && route.component) params.append('component', route.component);
  if (route.view !== 'compare') {
    if (route.bundle.deployer !== DEFAULT_DEPLOYER)
      params.append('deployer', route.bundle.deployer);
    for (const flag of BUNDLE_LIST_FLAGS)
      for (const value of route.bundle.lists[flag]) params.append(flag, value);
  }
  const query = params.toString();
  return `/${route.view}${query ? `?${query}` : ''}`;
}

/** The criteria as API query parameters (any left out). */
export function criteriaQuery(criteria: Criteria): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of CRITERIA_KEYS) {
    const value = criteria[key];
    if (value !== undefined && value !== '' && value !== 'any') params.append(key, value);
  }
  return params;
}
