/**
 * @module A recipe manifest as the bundle carries it: its text unchanged (comments are its
 * documentation), the file name it gets under `<component>/manifests/`, and the objects in it, so
 * deployers can tell built-in kinds (applied before the chart) from custom resources (after it, once
 * the chart has installed their CRD).
 */
import { parseAllDocuments } from 'yaml';
import { CnsError } from '../shared/errors.js';

export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

export interface BundleManifest {
  /** Path below the component's `manifests/` folder, e.g. `dcgm-exporter-metrics.yaml`. */
  readonly file: string;
  readonly text: string;
  readonly objects: readonly ManifestObject[];
  /** True when every object is of a kind Kubernetes itself serves (no CRD needed). */
  readonly builtIn: boolean;
}

/** `components/gpu-operator/manifests/x.yaml` and its text → the manifest. */
export function readManifest(dataPath: string, text: string): BundleManifest {
  const segments = dataPath.split('/');
  const below = segments.lastIndexOf('manifests');
  const file = segments.slice(below >= 0 ? below + 1 : segments.length - 1).join('/');
  const objects = parseAllDocuments(text).flatMap((doc, index) => {
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    const object = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      throw new CnsError(
        'BAD_DATA',
        `${dataPath}: document ${index + 1} is not a Kubernetes object (no apiVersion and kind)`,
        { details: { manifest: dataPath, document: index + 1 } },
      );
    }
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
    return [{ apiVersion: object.apiVersion, kind: object.kind, name }];
  });
  return {
    file,
    text,
    objects,
    builtIn: objects.every((object) => isBuiltInApi(object.apiVersion)),
  };
}

// API groups the Kubernetes API server serves itself (kube-apiserver v1.34); anything else needs a CRD.
const BUILT_IN_GROUPS = new Set([
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** `v1`, `apps/v1`, `rbac.authorization.k8s.io/v1` are built in; `nvidia.com/v1` is not. */
export function isBuiltInApi(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  return slash < 0 || BUILT_IN_GROUPS.has(apiVersion.slice(0, slash));
}
