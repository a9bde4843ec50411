/**
 * @module Documents in ConfigMaps, `cm://namespace/name`: the URI's parts, the data key a document
 * is stored under (`snapshot.yaml`, as `kubectl get cm -o jsonpath='{.data.snapshot\.yaml}'` reads
 * it; a matching key for every other kind), the labels naming the kind and the tool version, and the
 * size a ConfigMap can hold.
 */
import { KINDS } from './documents.js';
import { CnsError } from './errors.js';
import { labelValue, MANAGED_BY, MANAGED_BY_LABEL, VERSION_LABEL } from './kube-labels.js';

export const CONFIG_MAP_SCHEME = 'cm';
/** The API server refuses a ConfigMap whose keys and values add up to more than 1 MiB. */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;
export const KIND_LABEL = 'cns.nvidia.com/kind';

export interface ConfigMapLocation {
  readonly namespace: string;
  readonly name: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** `cm://gpu-operator/cns-snapshot` → namespace and name; a USAGE error names what is wrong. */
export function parseConfigMapUri(uri: string): ConfigMapLocation {
  const match = /^cm:\/\/([^/]*)\/([^/]*)$/i.exec(uri);
  const namespace = match?.[1] ?? '';
  const name = match?.[2] ?? '';
  const problem = !match
    ? 'expected cm://<namespace>/<name>'
    : !DNS_LABEL.test(namespace)
      ? `"${namespace}" is not a namespace name (lower-case letters, digits and '-', at most 63)`
      : !isConfigMapName(name)
        ? `"${name}" is not a ConfigMap name (lower-case letters, digits, '-' and '.', at most 253)`
        : undefined;
  if (problem) {
    throw new CnsError('USAGE', `${uri}: ${problem}`, { details: { uri } });
  }
  return { namespace, name };
}

/** Whether `name` is a valid ConfigMap (DNS subdomain) name. */
export function isConfigMapName(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

export function configMapUri(location: ConfigMapLocation): string {
  return `${CONFIG_MAP_SCHEME}://${location.namespace}/${location.name}`;
}

/** The data key of each document kind, before its extension (`.yaml` or `.json`). */
const KEY_OF_KIND: Readonly<Record<string, string>> = {
  [KINDS.snapshot]: 'snapshot',
  [KINDS.recipeResult]: 'recipe',
  [KINDS.recipeCriteria]: 'criteria',
  [KINDS.validationResult]: 'validation',
  SnapshotDiff: 'diff',
  FleetDiff: 'fleet-diff',
  RecipeDrift: 'drift',
};

/** Every key a document of ours can have, in the order a reader looks for them. */
export const DOCUMENT_KEYS: readonly string[] = Object.values(KEY_OF_KIND).flatMap((key) => [
  `${key}.yaml`,
  `${key}.json`,
]);

/**
 * The key `text` is stored under: by its kind and whether it is JSON. A result that is not a
 * document (a table) has no key: ConfigMaps hold documents.
 */
export function dataKeyFor(kind: unknown, isJson: boolean, uri: string): string {
  const key = typeof kind === 'string' ? KEY_OF_KIND[kind] : undefined;
  if (!key) {
    throw new CnsError(
      'USAGE',
      `${uri}: a ConfigMap holds cnsctl documents (${Object.keys(KEY_OF_KIND).join(', ')}); this output is ${typeof kind === 'string' ? `a ${kind}` : 'not one (use -t yaml or -t json)'}`,
      { details: { uri, kind } },
    );
  }
  return `${key}.${isJson ? 'json' : 'yaml'}`;
}

/** The labels of a ConfigMap holding a document: what wrote it, which version, which kind. */
export function documentLabels(kind: string, toolVersion: string): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY,
    [VERSION_LABEL]: labelValue(toolVersion),
    [KIND_LABEL]: labelValue(kind),
  };
}

/** The ConfigMap that holds `text` under `key`, labelled for its kind and the tool version. */
export function documentConfigMap(
  location: ConfigMapLocation,
  document: { readonly kind: string; readonly key: string; readonly text: string },
  toolVersion: string,
): {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  data: Record<string, string>;
} {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: location.name,
      namespace: location.namespace,
      labels: documentLabels(document.kind, toolVersion),
    },
    data: { [document.key]: document.text },
  };
}

/** Refuses a document a ConfigMap cannot hold, saying what to do instead. */
export function checkConfigMapSize(uri: string, key: string, text: string): void {
  const bytes = new TextEncoder().encode(text).byteLength + key.length;
  if (bytes <= CONFIG_MAP_MAX_BYTES) return;
  throw new CnsError(
    'USAGE',
    `${uri}: the document is ${bytes} bytes, over the ${CONFIG_MAP_MAX_BYTES} bytes a ConfigMap can hold; write it to a file (-o FILE) instead, or make it smaller (a snapshot: fewer --systemd-units, no --all-properties or --include-net-sysctl)`,
    { details: { uri, bytes, limit: CONFIG_MAP_MAX_BYTES } },
  );
}

/**
 * The document text of a ConfigMap's data: under one of our keys, else its only key (a ConfigMap
 * made with `kubectl create configmap --from-file`). Several unknown keys are a USAGE error that
 * lists them.
 */
export function documentOf(
  data: Readonly<Record<string, string>> | undefined,
  uri: string,
): string {
  const entries = data ?? {};
  const ours = DOCUMENT_KEYS.find((key) => entries[key] !== undefined);
  if (ours) return entries[ours] as string;
  const keys = Object.keys(entries).sort();
  if (keys.length === 1) return entries[keys[0] as string] as string;
  throw new CnsError(
    keys.length === 0 ? 'NOT_FOUND' : 'USAGE',
    keys.length === 0
      ? `${uri}: the ConfigMap holds no data`
      : `${uri}: the ConfigMap holds several keys (${keys.join(', ')}) and none of cnsctl's (${DOCUMENT_KEYS.filter((k) => k.endsWith('.yaml')).join(', ')})`,
    { details: { uri, keys } },
  );
}
