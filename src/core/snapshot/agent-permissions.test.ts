import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { HAVE_KUBERNETES_SCHEMAS, schemaProblems } from '../../../test/kube/openapi-validator.js';
import {
  deployerAccessChecks,
  describeAccess,
  grantManifest,
  type AccessCheck,
} from './agent-permissions.js';

const needs = { namespace: 'ns', listsNodes: false, cleansUp: false, copiesResults: false };

describe('deployerAccessChecks', () => {
  it('asks for creating the objects and for every permission the agent is granted (no escalation)', () => {
    const asked = deployerAccessChecks(needs).map(describeAccess);
    expect(asked).toEqual(
      expect.arrayContaining([
        'create serviceaccounts in namespace "ns"',
        'create clusterrolebindings.rbac.authorization.k8s.io',
        'create jobs.batch in namespace "ns"',
        'watch pods in namespace "ns"',
        'get pods/log in namespace "ns"',
        'update configmaps in namespace "ns"',
        'get nodes',
        'list pods (all namespaces)',
        'list clusterpolicies.nvidia.com',
      ]),
    );
    expect(asked).not.toContain('list nodes');
    expect(asked).not.toContain('delete serviceaccounts in namespace "ns"');
    expect(new Set(asked).size).toBe(asked.length);
  });

  it.each([
    ['--all-nodes lists nodes', { listsNodes: true }, 'list nodes'],
    [
      '--cleanup deletes what it made',
      { cleansUp: true },
      'delete clusterroles.rbac.authorization.k8s.io',
    ],
    [
      'copying results deletes the copies',
      { copiesResults: true },
      'delete configmaps in namespace "ns"',
    ],
  ])('%s', (_name, more, wanted) => {
    expect(deployerAccessChecks({ ...needs, ...more }).map(describeAccess)).toContain(wanted);
  });
});

describe('grantManifest', () => {
  it('grants exactly what is missing: one Role and one ClusterRole, each bound to the user', () => {
    const missing: AccessCheck[] = [
      { verb: 'create', group: 'batch', resource: 'jobs', namespace: 'ns' },
      { verb: 'get', group: 'batch', resource: 'jobs', namespace: 'ns' },
      { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'ns' },
      { verb: 'list', group: 'nvidia.com', resource: 'clusterpolicies' },
    ];
    const documents = parseAllDocuments(grantManifest(missing, 'alice')).map(
      (d) => d.toJS() as Record<string, unknown>,
    );
    expect(documents.map((d) => d.kind)).toEqual([
      'Role',
      'RoleBinding',
      'ClusterRole',
      'ClusterRoleBinding',
    ]);
    expect(documents[0]?.rules).toEqual([
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
    ]);
    expect(documents[2]?.rules).toEqual([
      { apiGroups: ['nvidia.com'], resources: ['clusterpolicies'], verbs: ['list'] },
    ]);
    expect(documents[3]?.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' },
    ]);
    if (HAVE_KUBERNETES_SCHEMAS) {
      for (const document of documents) {
        expect(schemaProblems(document as { apiVersion: string; kind: string })).toEqual([]);
      }
    }
  });
});
