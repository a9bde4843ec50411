/**
 * The container runtime of the harness's kubelet: runs the agent pod's command (`cnsctl …`, our own
 * entry point, runCli with composePorts) the way a container would see the world: the pod's
 * environment (env values, the downward API, the service host and port the kubelet injects), its
 * service account mounted at /var/run/secrets/kubernetes.io/serviceaccount (a real token from the
 * TokenRequest API, the API server's CA), `$(VAR)` references in args expanded, and its hostPath
 * mount of `/` showing a fixture host. Everything it prints is the container's log.
 */
import type * as k8s from '@kubernetes/client-node';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenHost } from '../../../src/actions/ports.js';
import { composePorts } from '../../../src/adapters/compose/compose-ports.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { thisProcess } from '../../compose/this-process.js';
import { fixtureHostRoot, openFixtureHost } from '../../snapshot/fixture-host.js';
import { apiserverCertificate, apiserverUrl } from '../cluster-access.js';

export interface ContainerRun {
  readonly exitCode: number;
  /** What the container wrote, stdout and stderr interleaved, as `kubectl logs` shows it. */
  readonly log: string;
}

export interface AgentContainer {
  readonly pod: k8s.V1Pod;
  /** The fixture host (test/fixtures/hosts/<name>) the node's `/` shows. */
  readonly host: string;
  /** The service account token the pod gets (a bad one makes the agent fail as it would). */
  readonly token: string;
  /** Appends to the container's log as it is written. */
  readonly onLog: (text: string) => void;
  readonly signal: AbortSignal;
}

/** Runs the pod's one container to its end. */
export async function runAgentContainer(container: AgentContainer): Promise<ContainerRun> {
  const { pod } = container;
  const spec = pod.spec?.containers[0];
  if (!spec) throw new Error('the agent pod has no container');
  const env = podEnvironment(pod, spec);
  const argv = (spec.args ?? []).map((arg) => expand(arg, env));
  if (spec.command?.[0] !== 'cnsctl') {
    return { exitCode: 127, log: `exec: "${spec.command?.[0] ?? ''}": not our agent\n` };
  }
  const podRoot = mkdtempSync(join(tmpdir(), 'cns-pod-'));
  let log = '';
  const write = (text: string): boolean => {
    log += text;
    container.onLog(text);
    return true;
  };
  try {
    const credentials = join(podRoot, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(credentials, { recursive: true });
    writeFileSync(join(credentials, 'token'), container.token);
    writeFileSync(join(credentials, 'ca.crt'), apiserverCertificate());
    writeFileSync(join(credentials, 'namespace'), pod.metadata?.namespace ?? '');
    const exitCode = await runCli(
      argv,
      {
        stdout: { write },
        stderr: { write },
        env,
        runtime: { node: process.versions.node, platform: `${process.platform}/${process.arch}` },
      },
      (kube) => ({
        ...composePorts(
          thisProcess({
            env,
            kube,
            podRoot,
            stdio: {
              openStdin: () => Readable.from([]),
              writeStdout: (text) => {
                write(text);
                return Promise.resolve();
              },
            },
          }),
        ),
        openHost: mounts(pod, spec, container.host, podRoot),
      }),
      container.signal,
    );
    return { exitCode, log };
  } finally {
    rmSync(podRoot, { recursive: true, force: true });
  }
}

/**
 * The file systems the container sees: a hostPath volume of `/` at its mount path shows the
 * fixture host; the container's own `/` is an empty image (the pod's root directory).
 */
function mounts(pod: k8s.V1Pod, spec: k8s.V1Container, host: string, podRoot: string): OpenHost {
  const hostMounts = new Set(
    (spec.volumeMounts ?? [])
      .filter((mount) =>
        (pod.spec?.volumes ?? []).some((v) => v.name === mount.name && v.hostPath?.path === '/'),
      )
      .map((mount) => mount.mountPath),
  );
  return async (root) => {
    if (hostMounts.has(root)) return openFixtureHost(fixtureHostRoot(host));
    const { createHostFiles } = await import('../../../src/adapters/host/host-files.js');
    const files = createHostFiles(root === '/' ? podRoot : join(podRoot, root));
    return {
      files,
      commands: {
        run: (program) =>
          Promise.resolve({ exitCode: 127, stdout: '', stderr: `${program}: not found\n` }),
      },
    };
  };
}

/** The container's environment as the kubelet builds it. */
function podEnvironment(pod: k8s.V1Pod, spec: k8s.V1Container): Record<string, string> {
  const server = apiserverUrl();
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: pod.metadata?.name ?? '',
    KUBERNETES_SERVICE_HOST: server.hostname,
    KUBERNETES_SERVICE_PORT: server.port,
  };
  for (const variable of spec.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = expand(variable.value, env);
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    if (field) env[variable.name] = fieldOf(pod, field);
  }
  return env;
}

function fieldOf(pod: k8s.V1Pod, path: string): string {
  switch (path) {
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    default:
      throw new Error(`the harness does not resolve fieldRef ${path}`);
  }
}

/** `$(VAR)` → its value; `$$(VAR)` stays literal `$(VAR)`, unknown variables stay as written. */
function expand(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name?: string) =>
    match === '$$' ? '$' : (env[name ?? ''] ?? match),
  );
}
