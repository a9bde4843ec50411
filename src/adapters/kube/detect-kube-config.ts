/**
 * @module Whether this process can reach a cluster, decided the way kubectl and the official clients
 * decide it, without loading a client: `--kubeconfig`, else `KUBECONFIG` (a list of files, any of
 * which exists), then `~/.kube/config`, then the in-cluster service account
 * (`KUBERNETES_SERVICE_HOST` plus its token file).
 */
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The directory a pod's service account credentials are mounted at. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
export const SERVICE_ACCOUNT_TOKEN = `${SERVICE_ACCOUNT_DIR}/token`;

/** Where the cluster configuration comes from. */
export type KubeConfigSource =
  | { readonly kind: 'kubeconfig'; readonly paths: readonly string[] }
  | {
      readonly kind: 'in-cluster';
      readonly host: string;
      readonly port: string;
      /** The service account directory: token, ca.crt, namespace. */
      readonly credentials: string;
    };

export interface DetectKubeConfigInput {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string | undefined;
  /** `--kubeconfig`: this file and no other (an absent one is an error, not "no cluster"). */
  readonly kubeconfig?: string;
  /**
   * Where the file system the service account is mounted in starts (`/` in a pod); the test
   * harness runs agents against a directory that plays the pod's.
   */
  readonly podRoot?: string;
  /** Whether a file exists; replaced in tests. */
  readonly exists?: (path: string) => Promise<boolean>;
}

/** Returns the configuration to use, or undefined when there is none. */
export async function detectKubeConfig(
  input: DetectKubeConfigInput,
): Promise<KubeConfigSource | undefined> {
  const exists = input.exists ?? fileExists;
  if (input.kubeconfig !== undefined) return { kind: 'kubeconfig', paths: [input.kubeconfig] };
  const listed = (input.env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '');
  if (listed.length > 0) {
    const present = (
      await Promise.all(listed.map(async (p) => ((await exists(p)) ? p : undefined)))
    ).filter((p): p is string => p !== undefined);
    return present.length > 0 ? { kind: 'kubeconfig', paths: present } : undefined;
  }
  if (input.homeDir) {
    const path = join(input.homeDir, '.kube', 'config');
    if (await exists(path)) return { kind: 'kubeconfig', paths: [path] };
  }
  const host = input.env.KUBERNETES_SERVICE_HOST;
  const credentials = join(input.podRoot ?? '/', SERVICE_ACCOUNT_DIR);
  if (host && (await exists(join(credentials, 'token')))) {
    return {
      kind: 'in-cluster',
      host,
      port: input.env.KUBERNETES_SERVICE_PORT ?? '443',
      credentials,
    };
  }
  return undefined;
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
