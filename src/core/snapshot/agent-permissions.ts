/**
 * @module What a user needs to deploy the snapshot agent, as SelfSubjectAccessReview questions, and
 * how to grant what is missing. Besides creating the objects, the user must hold every permission
 * the agent's roles grant: Kubernetes refuses to let anyone grant more than they have (RBAC
 * escalation prevention), so those are asked too.
 */

/** One question to the API server: may I `verb` this resource (in this namespace)? */
export interface AccessCheck {
  readonly verb: string;
  /** The API group: '' for the core group. */
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Absent for cluster-scoped resources and cluster-wide access. */
  readonly namespace?: string;
}

export interface DeployerNeeds {
  readonly namespace: string;
  /** Lists nodes (--all-nodes). */
  readonly listsNodes: boolean;
  /** Deletes what it created (--cleanup). */
  readonly cleansUp: boolean;
  /** Reads the agents' ConfigMaps and removes them (the output is not a ConfigMap of the namespace). */
  readonly copiesResults: boolean;
}

const RBAC = 'rbac.authorization.k8s.io';

/** Every permission one run needs, in a stable order. */
export function deployerAccessChecks(needs: DeployerNeeds): AccessCheck[] {
  const { namespace } = needs;
  const inNamespace = (verbs: readonly string[], group: string, resource: string) =>
    verbs.map((verb): AccessCheck => ({ verb, group, resource, namespace }));
  const clusterWide = (verbs: readonly string[], group: string, resource: string) =>
    verbs.map((verb): AccessCheck => ({ verb, group, resource }));
  const own = needs.cleansUp ? ['create', 'get', 'delete'] : ['create', 'get'];
  return [
    ...inNamespace(own, '', 'serviceaccounts'),
    ...inNamespace(own, RBAC, 'roles'),
    ...inNamespace(own, RBAC, 'rolebindings'),
    ...clusterWide(own, RBAC, 'clusterroles'),
    ...clusterWide(own, RBAC, 'clusterrolebindings'),
    // A finished Job left by an earlier run of the same name is deleted (with its pods) first.
    ...inNamespace(['create', 'get', 'delete'], 'batch', 'jobs'),
    ...inNamespace(['list', 'watch', 'delete'], '', 'pods'),
    { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace },
    ...(needs.listsNodes ? clusterWide(['list'], '', 'nodes') : []),
    ...inNamespace(
      needs.copiesResults ? ['create', 'get', 'update', 'delete'] : ['create', 'get', 'update'],
      '',
      'configmaps',
    ),
    // Granted to the agent by its ClusterRole, so held by whoever creates it.
    ...clusterWide(['get'], '', 'nodes'),
    ...clusterWide(['list'], '', 'pods'),
    ...clusterWide(['list'], 'nvidia.com', 'clusterpolicies'),
  ];
}

/** `create jobs.batch in namespace "gpu-operator"`, `list pods (all namespaces)`, `get nodes`. */
export function describeAccess(check: AccessCheck): string {
  const where =
    check.namespace !== undefined
      ? ` in namespace "${check.namespace}"`
      : NAMESPACED.has(check.resource)
        ? ' (all namespaces)'
        : '';
  return `${check.verb} ${resourceName(check)}${where}`;
}

const NAMESPACED = new Set([
  'pods',
  'configmaps',
  'jobs',
  'serviceaccounts',
  'roles',
  'rolebindings',
]);

/** `jobs.batch`, `pods/log`, `pods`: the resource as kubectl's --resource flag takes it. */
export function resourceName(check: AccessCheck): string {
  const base = check.group === '' ? check.resource : `${check.resource}.${check.group}`;
  return check.subresource === undefined ? base : `${check.resource}/${check.subresource}`;
}

/**
 * kubectl commands that grant exactly the missing permissions to `user` (a cluster admin runs
 * them): one Role per namespace and one ClusterRole, each with one rule per set of verbs, written
 * as a manifest for `kubectl apply -f -`, since `kubectl create role` makes only one rule.
 */
export function grantManifest(missing: readonly AccessCheck[], user: string): string {
  const lines: string[] = [];
  const roleName = 'cnsctl-agent-deployer';
  const scopes = new Map<string | undefined, AccessCheck[]>();
  for (const check of missing) {
    // Cluster-wide access to a namespaced resource, and cluster-scoped resources, need a ClusterRole.
    const key = check.namespace;
    scopes.set(key, [...(scopes.get(key) ?? []), check]);
  }
  for (const [namespace, checks] of scopes) {
    const kind = namespace === undefined ? 'ClusterRole' : 'Role';
    const meta =
      namespace === undefined
        ? `{ name: ${roleName} }`
        : `{ name: ${roleName}, namespace: ${namespace} }`;
    lines.push('---', `apiVersion: ${RBAC}/v1`, `kind: ${kind}`, `metadata: ${meta}`, 'rules:');
    for (const rule of rulesOf(checks)) {
      lines.push(
        `  - { apiGroups: ["${rule.group}"], resources: [${rule.resources.map((r) => `"${r}"`).join(', ')}], verbs: [${rule.verbs.map((v) => `"${v}"`).join(', ')}] }`,
      );
    }
    lines.push(
      '---',
      `apiVersion: ${RBAC}/v1`,
      `kind: ${kind}Binding`,
      `metadata: ${meta}`,
      `roleRef: { apiGroup: ${RBAC}, kind: ${kind}, name: ${roleName} }`,
      `subjects: [{ apiGroup: ${RBAC}, kind: User, name: "${user}" }]`,
    );
  }
  return lines.join('\n');
}

interface Rule {
  readonly group: string;
  readonly resources: string[];
  readonly verbs: string[];
}

/** Groups checks into rules: the resources of one API group that need the same verbs share a rule. */
function rulesOf(checks: readonly AccessCheck[]): Rule[] {
  const verbsByResource = new Map<string, { group: string; resource: string; verbs: string[] }>();
  for (const check of checks) {
    const resource =
      check.subresource === undefined ? check.resource : `${check.resource}/${check.subresource}`;
    const key = `${check.group}\u0000${resource}`;
    const entry = verbsByResource.get(key) ?? { group: check.group, resource, verbs: [] };
    entry.verbs.push(check.verb);
    verbsByResource.set(key, entry);
  }
  const rules = new Map<string, Rule>();
  for (const { group, resource, verbs } of verbsByResource.values()) {
    const sorted = [...new Set(verbs)].sort();
    const key = `${group}\u0000${sorted.join(',')}`;
    const rule = rules.get(key) ?? { group, resources: [], verbs: sorted };
    rule.resources.push(resource);
    rules.set(key, rule);
  }
  return [...rules.values()];
}
