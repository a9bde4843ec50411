/**
 * @module The AgentCluster port over the official client: access reviews, the objects of an agent
 * deployment (by kind, through the typed API of each), the pod watch, logs and events. Every call
 * carries the run's signal and fails as a CnsError naming the cluster and the request.
 */
import type * as K8s from '@kubernetes/client-node';
import type { AgentCluster } from '../../actions/ports.js';
import { isCnsError } from '../../core/shared/errors.js';
import {
  refOf,
  type AgentObject,
  type KubeObjectRef,
} from '../../core/snapshot/agent-manifests.js';
import { describeAccess } from '../../core/snapshot/agent-permissions.js';
import type { KubeEvent } from '../../core/snapshot/kube-objects.js';
import type { CallOptions, KubeConnection } from './kube-connection.js';
import { watchPods } from './watch-pods.js';

/** How each kind of object is created, read, replaced and deleted. */
interface KindApi {
  readonly resource: string;
  create(namespace: string, body: AgentObject, options: CallOptions): Promise<unknown>;
  read(namespace: string, name: string, options: CallOptions): Promise<unknown>;
  replace(
    namespace: string,
    name: string,
    body: AgentObject,
    options: CallOptions,
  ): Promise<unknown>;
  delete(namespace: string, name: string, options: CallOptions): Promise<unknown>;
}

/** Nodes are listed in pages, so a fleet of thousands is never one response. */
const NODE_PAGE = 500;

function kindApis(kube: KubeConnection): Readonly<Record<string, KindApi>> {
  const { core, rbac, batch } = kube;
  // The typed APIs want their own model classes; the objects we build have the same JSON shape.
  const as = <T>(body: AgentObject): T => body as unknown as T;
  return {
    ServiceAccount: {
      resource: 'serviceaccounts',
      create: (namespace, body, o) =>
        core.createNamespacedServiceAccount({ namespace, body: as(body) }, o),
      read: (namespace, name, o) => core.readNamespacedServiceAccount({ namespace, name }, o),
      replace: (namespace, name, body, o) =>
        core.replaceNamespacedServiceAccount({ namespace, name, body: as(body) }, o),
      delete: (namespace, name, o) => core.deleteNamespacedServiceAccount({ namespace, name }, o),
    },
    ConfigMap: {
      resource: 'configmaps',
      create: (namespace, body, o) =>
        core.createNamespacedConfigMap({ namespace, body: as(body) }, o),
      read: (namespace, name, o) => core.readNamespacedConfigMap({ namespace, name }, o),
      replace: (namespace, name, body, o) =>
        core.replaceNamespacedConfigMap({ namespace, name, body: as(body) }, o),
      delete: (namespace, name, o) => core.deleteNamespacedConfigMap({ namespace, name }, o),
    },
    Role: {
      resource: 'roles.rbac.authorization.k8s.io',
      create: (namespace, body, o) => rbac.createNamespacedRole({ namespace, body: as(body) }, o),
      read: (namespace, name, o) => rbac.readNamespacedRole({ namespace, name }, o),
      replace: (namespace, name, body, o) =>
        rbac.replaceNamespacedRole({ namespace, name, body: as(body) }, o),
      delete: (namespace, name, o) => rbac.deleteNamespacedRole({ namespace, name }, o),
    },
    RoleBinding: {
      resource: 'rolebindings.rbac.authorization.k8s.io',
      create: (namespace, body, o) =>
        rbac.createNamespacedRoleBinding({ namespace, body: as(body) }, o),
      read: (namespace, name, o) => rbac.readNamespacedRoleBinding({ namespace, name }, o),
      replace: (namespace, name, body, o) =>
        rbac.replaceNamespacedRoleBinding({ namespace, name, body: as(body) }, o),
      delete: (namespace, name, o) => rbac.deleteNamespacedRoleBinding({ namespace, name }, o),
    },
    ClusterRole: {
      resource: 'clusterroles.rbac.authorization.k8s.io',
      create: (_namespace, body, o) => rbac.createClusterRole({ body: as(body) }, o),
      read: (_namespace, name, o) => rbac.readClusterRole({ name }, o),
      replace: (_namespace, name, body, o) => rbac.replaceClusterRole({ name, body: as(body) }, o),
      delete: (_namespace, name, o) => rbac.deleteClusterRole({ name }, o),
    },
    ClusterRoleBinding: {
      resource: 'clusterrolebindings.rbac.authorization.k8s.io',
      create: (_namespace, body, o) => rbac.createClusterRoleBinding({ body: as(body) }, o),
      read: (_namespace, name, o) => rbac.readClusterRoleBinding({ name }, o),
      replace: (_namespace, name, body, o) =>
        rbac.replaceClusterRoleBinding({ name, body: as(body) }, o),
      delete: (_namespace, name, o) => rbac.deleteClusterRoleBinding({ name }, o),
    },
    Job: {
      resource: 'jobs.batch',
      create: (namespace, body, o) => batch.createNamespacedJob({ namespace, body: as(body) }, o),
      read: (namespace, name, o) => batch.readNamespacedJob({ namespace, name }, o),
      replace: (namespace, name, body, o) =>
        batch.replaceNamespacedJob({ namespace, name, body: as(body) }, o),
      // Its pods go too (the garbage collector removes them in the background).
      delete: (namespace, name, o) =>
        batch.deleteNamespacedJob({ namespace, name, propagationPolicy: 'Background' }, o),
    },
  };
}

export function createAgentCluster(kube: KubeConnection): AgentCluster {
  const apis = kindApis(kube);
  const apiOf = (ref: KubeObjectRef): KindApi => {
    const api = apis[ref.kind];
    if (!api) throw new Error(`no API for kind ${ref.kind}`);
    return api;
  };
  const callFor = (ref: KubeObjectRef, verb: string) => ({
    verb,
    resource: apiOf(ref).resource,
    name: ref.name,
    ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
  });
  // The client returns its model classes (with Dates); for our kinds their fields are the API's.
  const plain = (value: unknown): AgentObject => JSON.parse(JSON.stringify(value)) as AgentObject;
  return {
    name: kube.name,
    async whoAmI(signal) {
      try {
        const review = await kube.call(
          { verb: 'create', resource: 'selfsubjectreviews.authentication.k8s.io' },
          signal,
          (o) => kube.authentication.createSelfSubjectReview({ body: {} }, o),
        );
        return review.status?.userInfo?.username;
      } catch (error) {
        if (signal.aborted) throw error;
        return undefined;
      }
    },
    async refusedAccess(checks, signal) {
      const answers = await Promise.all(
        checks.map((check) =>
          kube.call(
            {
              verb: 'create',
              resource: `selfsubjectaccessreviews (may I ${describeAccess(check)}?)`,
            },
            signal,
            (o) =>
              kube.authorization.createSelfSubjectAccessReview(
                {
                  body: {
                    spec: {
                      resourceAttributes: {
                        verb: check.verb,
                        group: check.group,
                        resource: check.resource,
                        ...(check.subresource === undefined
                          ? {}
                          : { subresource: check.subresource }),
                        ...(check.namespace === undefined ? {} : { namespace: check.namespace }),
                      },
                    },
                  },
                },
                o,
              ),
          ),
        ),
      );
      return checks.filter((_check, index) => answers[index]?.status?.allowed !== true);
    },
    async listNodeNames(selector, signal) {
      const labelSelector = Object.entries(selector)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
      const names: string[] = [];
      let continueToken: string | undefined;
      do {
        const page = await kube.call({ verb: 'list', resource: 'nodes' }, signal, (o) =>
          kube.core.listNode(
            {
              limit: NODE_PAGE,
              ...(labelSelector ? { labelSelector } : {}),
              ...(continueToken ? { _continue: continueToken } : {}),
            },
            o,
          ),
        );
        names.push(...page.items.map((node) => node.metadata?.name ?? ''));
        continueToken = page.metadata?._continue || undefined;
      } while (continueToken);
      return names.filter((name) => name !== '').sort();
    },
    async create(object, signal) {
      const ref = refOf(object);
      const created = await kube.call(callFor(ref, 'create'), signal, (o) =>
        apiOf(ref).create(ref.namespace ?? '', object, o),
      );
      return plain(created);
    },
    async read(ref, signal) {
      try {
        const found = await kube.call(callFor(ref, 'get'), signal, (o) =>
          apiOf(ref).read(ref.namespace ?? '', ref.name, o),
        );
        return plain(found);
      } catch (error) {
        if (isCnsError(error) && error.code === 'NOT_FOUND') return undefined;
        throw error;
      }
    },
    async replace(object, signal) {
      const ref = refOf(object);
      await kube.call(callFor(ref, 'update'), signal, (o) =>
        apiOf(ref).replace(ref.namespace ?? '', ref.name, object, o),
      );
    },
    async delete(ref, signal) {
      try {
        await kube.call(callFor(ref, 'delete'), signal, (o) =>
          apiOf(ref).delete(ref.namespace ?? '', ref.name, o),
        );
        return true;
      } catch (error) {
        if (isCnsError(error) && error.code === 'NOT_FOUND') return false;
        throw error;
      }
    },
    async deletePods(namespace, labelSelector, signal) {
      await kube.call({ verb: 'delete', resource: 'pods', namespace }, signal, (o) =>
        kube.core.deleteCollectionNamespacedPod({ namespace, labelSelector }, o),
      );
    },
    watchPods: (query, signal) => watchPods(kube, query, signal),
    readPodLog: ({ namespace, name, tailLines }, signal) =>
      kube.call({ verb: 'get', resource: 'pods/log', namespace, name }, signal, (o) =>
        kube.core.readNamespacedPodLog({ namespace, name, tailLines }, o),
      ),
    async listEvents(namespace, name, signal) {
      const list = await kube.call({ verb: 'list', resource: 'events', namespace }, signal, (o) =>
        kube.core.listNamespacedEvent(
          { namespace, fieldSelector: `involvedObject.name=${name}` },
          o,
        ),
      );
      const time = (event: K8s.CoreV1Event): number =>
        new Date(
          event.lastTimestamp ??
            event.eventTime ??
            event.firstTimestamp ??
            event.metadata.creationTimestamp ??
            0,
        ).getTime();
      return [...list.items]
        .sort((a, b) => time(a) - time(b))
        .map((event): KubeEvent => ({
          ...(event.type === undefined ? {} : { type: event.type }),
          ...(event.reason === undefined ? {} : { reason: event.reason }),
          ...(event.message === undefined ? {} : { message: event.message }),
        }));
    },
  };
}
