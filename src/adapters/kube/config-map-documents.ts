/**
 * @module Documents in ConfigMaps (`cm://namespace/name`), the DocumentStore's handler of the `cm`
 * scheme. Writing creates the ConfigMap or replaces its data, retrying on conflicts (someone else
 * changed it between our read and our write); the data key names the document's kind
 * (`snapshot.yaml`, `recipe.yaml`, …) and labels name the kind and the tool version.
 */
import type { V1ConfigMap } from '@kubernetes/client-node';
import { parse } from 'yaml';
import type { SchemeHandler } from '../../actions/ports.js';
import {
  checkConfigMapSize,
  dataKeyFor,
  documentConfigMap,
  documentOf,
  parseConfigMapUri,
  type ConfigMapLocation,
} from '../../core/shared/config-map-location.js';
import { CnsError, isCnsError } from '../../core/shared/errors.js';
import type { KubeConnection } from './kube-connection.js';

/** Read-modify-write rounds before a ConfigMap that keeps changing is reported as a conflict. */
const WRITE_ATTEMPTS = 5;

/** The `cm` scheme over the cluster `connect` opens (on the first read or write). */
export function configMapDocuments(
  connect: (signal: AbortSignal) => Promise<KubeConnection>,
  toolVersion: string,
): SchemeHandler {
  return {
    async read(uri, signal = new AbortController().signal) {
      const location = parseConfigMapUri(uri);
      const kube = await connectFor(uri, connect, signal);
      const configMap = await readConfigMap(kube, location, signal);
      if (!configMap) {
        throw new CnsError(
          'NOT_FOUND',
          `${uri}: no ConfigMap "${location.name}" in namespace "${location.namespace}" of ${kube.name}`,
          { details: { uri } },
        );
      }
      return documentOf(configMap.data, uri);
    },
    async write(uri, text, signal = new AbortController().signal) {
      const location = parseConfigMapUri(uri);
      const trimmed = text.trimStart();
      const isJson = trimmed.startsWith('{');
      const kind = kindOf(text);
      const key = dataKeyFor(kind, isJson, uri);
      checkConfigMapSize(uri, key, text);
      const configMap = documentConfigMap(
        location,
        { kind: kind as string, key, text },
        toolVersion,
      );
      const kube = await connectFor(uri, connect, signal);
      await writeConfigMap(kube, configMap, signal, uri);
    },
  };
}

/** Connects, naming the location in a failure to (no kubeconfig, an unknown context). */
async function connectFor(
  uri: string,
  connect: (signal: AbortSignal) => Promise<KubeConnection>,
  signal: AbortSignal,
): Promise<KubeConnection> {
  try {
    return await connect(signal);
  } catch (error) {
    if (!isCnsError(error)) throw error;
    throw new CnsError(error.code, `${uri}: ${error.message}`, {
      details: { uri, ...error.details },
      cause: error,
    });
  }
}

function kindOf(text: string): unknown {
  try {
    const value = parse(text) as unknown;
    return typeof value === 'object' && value !== null
      ? (value as { kind?: unknown }).kind
      : undefined;
  } catch {
    return undefined;
  }
}

async function readConfigMap(
  kube: KubeConnection,
  { namespace, name }: ConfigMapLocation,
  signal: AbortSignal,
): Promise<V1ConfigMap | undefined> {
  try {
    return await kube.call(
      { verb: 'get', resource: 'configmaps', namespace, name },
      signal,
      (options) => kube.core.readNamespacedConfigMap({ namespace, name }, options),
    );
  } catch (error) {
    if (isCnsError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

async function writeConfigMap(
  kube: KubeConnection,
  configMap: ReturnType<typeof documentConfigMap>,
  signal: AbortSignal,
  uri: string,
): Promise<void> {
  const { namespace, name, labels } = configMap.metadata;
  for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
    const existing = await readConfigMap(kube, { namespace, name }, signal);
    try {
      if (!existing) {
        await kube.call(
          { verb: 'create', resource: 'configmaps', namespace, name },
          signal,
          (options) => kube.core.createNamespacedConfigMap({ namespace, body: configMap }, options),
        );
      } else {
        // The document replaces what the ConfigMap held; its other labels and annotations stay.
        const body: V1ConfigMap = {
          ...existing,
          metadata: { ...existing.metadata, labels: { ...existing.metadata?.labels, ...labels } },
          data: configMap.data,
        };
        delete body.binaryData;
        await kube.call(
          { verb: 'update', resource: 'configmaps', namespace, name },
          signal,
          (options) => kube.core.replaceNamespacedConfigMap({ namespace, name, body }, options),
        );
      }
      return;
    } catch (error) {
      // Created meanwhile (AlreadyExists) or changed since our read (Conflict): read again and retry.
      if (!(isCnsError(error) && error.code === 'CONFLICT')) throw error;
    }
  }
  throw new CnsError(
    'CONFLICT',
    `${uri}: the ConfigMap kept changing while it was written (${WRITE_ATTEMPTS} attempts); is another writer updating it?`,
    { details: { uri, attempts: WRITE_ATTEMPTS } },
  );
}
