/**
 * The test apiserver as the harness, the tests and the benchmarks reach it, without vitest: its
 * kubeconfig comes from CNS_TEST_KUBECONFIG (set by test/kube/global-setup.ts, .ci/run, or a
 * benchmark that started the server). Contexts: admin for the harness, cli for the CLI under test,
 * scale where the CLI's requests are counted, limited for a user with no rights
 * (scripts/k8s-test-apiserver.sh). The audit log beside the kubeconfig records every request.
 */
import * as k8s from '@kubernetes/client-node';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The users of the test apiserver: see scripts/k8s-test-apiserver.sh. */
export type Context = 'admin' | 'cli' | 'scale' | 'limited';

/** The kubeconfig of the test apiserver, read when first needed. */
export function testKubeconfig(): string {
  const path = process.env.CNS_TEST_KUBECONFIG;
  if (!path) throw new Error('no test apiserver: CNS_TEST_KUBECONFIG is not set');
  return path;
}

/** A client for `context` (admin: the harness's, allowed everything). */
export function kubeConfig(context: Context = 'admin'): k8s.KubeConfig {
  const config = new k8s.KubeConfig();
  config.loadFromFile(testKubeconfig());
  config.setCurrentContext(context);
  return config;
}

export interface Clients {
  readonly config: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly batch: k8s.BatchV1Api;
  readonly rbac: k8s.RbacAuthorizationV1Api;
  readonly apiextensions: k8s.ApiextensionsV1Api;
  readonly custom: k8s.CustomObjectsApi;
}

export function clients(context: Context = 'admin'): Clients {
  const config = kubeConfig(context);
  return {
    config,
    core: config.makeApiClient(k8s.CoreV1Api),
    batch: config.makeApiClient(k8s.BatchV1Api),
    rbac: config.makeApiClient(k8s.RbacAuthorizationV1Api),
    apiextensions: config.makeApiClient(k8s.ApiextensionsV1Api),
    custom: config.makeApiClient(k8s.CustomObjectsApi),
  };
}

let counter = 0;
/** A fresh namespace name: tests share one apiserver, so every test works in its own. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid.toString(36)}-${Date.now().toString(36).slice(-5)}-${counter}`;
}

/** Creates a namespace (labels: e.g. Pod Security enforcement) and returns its name. */
export async function createNamespace(
  prefix: string,
  labels: Record<string, string> = {},
): Promise<string> {
  const name = uniqueName(prefix);
  const { core } = clients();
  await core.createNamespace({ body: { metadata: { name, labels } } });
  // What the ServiceAccount controller does for every namespace.
  await core.createNamespacedServiceAccount({
    namespace: name,
    body: { metadata: { name: 'default' } },
  });
  return name;
}

/** The API server's TLS certificate: the CA a pod's service account would carry. */
export function apiserverCertificate(): string {
  return readFileSync(join(dirname(testKubeconfig()), 'certs', 'apiserver.crt'), 'utf8');
}

export function apiserverUrl(): URL {
  const server = kubeConfig().getCurrentCluster()?.server;
  if (!server) throw new Error('the test kubeconfig names no server');
  return new URL(server);
}

/** One request as the audit log records it. */
export interface AuditEvent {
  readonly user: { readonly username: string };
  readonly verb: string;
  readonly requestURI: string;
  readonly objectRef?: {
    readonly resource?: string;
    readonly namespace?: string;
    readonly name?: string;
  };
  readonly responseStatus?: { readonly code?: number };
  readonly requestReceivedTimestamp: string;
}

/** Every request recorded so far (the log grows; slice by index to count a run's requests). */
export function auditEvents(): AuditEvent[] {
  const text = readFileSync(join(dirname(testKubeconfig()), 'audit.log'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditEvent);
}
